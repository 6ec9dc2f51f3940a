import { describe, expect, it } from "vitest";
import { GameState } from "../src/game/gameState";
import { Content, type WorldDescription } from "../src/world/content";
import { TileMap } from "../src/world/tileMap";
import { decodeServerMessage } from "../src/net/protocol";

const world: WorldDescription = {
  width: 16,
  height: 16,
  blocked: "",
  items: [
    { id: 17, name: "Lobster", stackable: false, slot: -1, heals: 12, styles: [], requirements: [], buryXpTenths: 0, burnable: false, cookable: false },
    { id: 4, name: "Steel longsword", stackable: false, slot: 3, heals: 0, styles: ["Chop", "Slash", "Lunge", "Block"], requirements: ["Attack 5"], buryXpTenths: 0, burnable: false, cookable: false },
  ],
  npcs: [{ id: 1, name: "Chicken", combatLevel: 1, hitpoints: 3, aggressive: false, shop: 0 }],
  tickMs: 600,
  frameMs: 50,
  viewRadius: 16,
  privy: false,
  voice: false,
  unarmedStyles: ["Punch", "Kick", "Block"],
  prayers: [{ name: "Thick Skin", level: 1 }],
  altars: [{ x: 6, z: 5 }],
  resources: [{ id: 1, name: "Tree", skill: "woodcutting", level: 1, product: 19, blocks: true }],
  water: [{ from: { x: 0, z: 0 }, to: { x: 2, z: 1 } }],
  shops: { "1": "General Store" },
};

function entered(): GameState {
  let now = 0;
  const state = new GameState(new Content(world), new TileMap(16, 16), () => (now += 10));
  state.apply(decodeServerMessage([66, 7, 100, "r-1"]));
  state.apply(decodeServerMessage([67, 1, 100, [[0, 7, 1 | 2 | 8 | 64, 1, 5, 0, 5, 10, 10, "Me"], [0, 9, 1 | 2 | 8 | 128, 2, 6, 0, 5, 3, 3, 1]]]));
  state.apply(decodeServerMessage([67, 2, 100, [[5, [[1, 0], [1, 0], [1, 0], [10, 11540]]]]]));
  return state;
}

describe("the game state", () => {
  it("enters the world and mirrors what the sync spawns", () => {
    const state = entered();
    expect(state.phase).toBe("world");
    expect(state.me?.name).toBe("Me");
    expect(state.prediction.serverTile).toEqual({ x: 5, z: 5 });
    expect(state.nameOf(9)).toBe("Chicken");
  });

  it("shows hits, XP drops and level-ups", () => {
    const state = entered();
    state.apply(decodeServerMessage([68, 101, [[5, 9, 7, 2, 1, 0, 0, 0], [6, 7, 0, 0, 2, 0, 0, 0]]]));
    state.apply(decodeServerMessage([67, 3, 101, [[5, [[2, 80], [1, 0], [1, 0], [10, 11566]]]]]));
    expect(state.splats.map((s) => [s.entity, s.damage])).toEqual([[9, 2]]);
    expect(state.entities.get(9)?.health).toBe(1);
    expect(state.xpDrops.map((d) => [d.skill, d.tenths])).toEqual([[0, 80], [3, 26]]);
    expect(state.chat.at(-1)?.text).toBe("Congratulations, you just advanced an Attack level. It is now 2.");
  });

  it("shows death and respawn, and stops the predicted walk", () => {
    const state = entered();
    state.prediction.walk({ x: 10, z: 5 }, 101, false);
    state.apply(decodeServerMessage([68, 101, [[7, 7, 9, 0, 0, 0, 0, 0]]]));
    expect(state.dead).toBe(true);
    expect(state.prediction.path).toEqual([]);
    expect(state.chat.at(-1)?.text).toBe("Oh dear, you are dead!");
    state.apply(decodeServerMessage([68, 108, [[8, 7, 0, 0, 0, 0, 0, 0]]]));
    expect(state.dead).toBe(false);
  });

  it("says why an action was refused, and shows errors and system messages", () => {
    const state = entered();
    state.apply(decodeServerMessage([68, 101, [[1, 7, 0, 4, 0, 0, 16, 0]]]));
    expect(state.chat.at(-1)?.text).toBe("Cannot pick up: That item is not yours yet.");
    state.apply(decodeServerMessage([70, 14, "Too many chat messages."]));
    expect(state.chat.at(-1)?.text).toBe("Slow down: Too many chat messages.");
    state.apply(decodeServerMessage([69, 2, 0, "Server", "Bob is not online."]));
    expect(state.chat.at(-1)).toMatchObject({ channel: 2, from: "", text: "Bob is not online." });
  });

  it("keeps friends with their online state and clears the view on a resume", () => {
    const state = entered();
    state.apply(decodeServerMessage([71, 1, "Bob", false]));
    state.apply(decodeServerMessage([71, 6, "Bob", true]));
    expect(state.friends.get("Bob")).toBe(true);
    state.apply(decodeServerMessage([66, 7, 120, "r-1"]));
    expect(state.entities.size).toBe(0);
    expect(state.networkId).toBe(7);
  });

  it("offers the wielded weapon's combat options and keeps the button the server keeps", () => {
    const state = entered();
    expect(state.combatStyles()).toEqual(["Punch", "Kick", "Block"]);
    const weapon = (item: number) => [...Array(11)].map((_, slot) => (slot === 3 ? [item, 1] : [0, 0]));
    state.apply(decodeServerMessage([67, 3, 100, [[4, weapon(4)]]]));
    expect(state.combatStyles()).toEqual(["Chop", "Slash", "Lunge", "Block"]);
    state.attackStyle = 3;
    state.apply(decodeServerMessage([67, 4, 100, [[4, weapon(0)]]]));
    expect(state.combatStyles()).toEqual(["Punch", "Kick", "Block"]);
    expect(state.attackStyle).toBe(2);
  });

  it("mirrors its prayer points and prayers and finds the altar in reach", () => {
    const state = entered();
    state.apply(decodeServerMessage([67, 3, 100, [[6, 7, 1]]]));
    expect(state.prayerPoints).toBe(7);
    expect(state.activePrayers).toBe(1);
    expect(state.altarInReach()).toEqual({ x: 6, z: 5 });
  });

  it("takes its combat button, auto-retaliate and run from the server", () => {
    const state = entered();
    state.apply(decodeServerMessage([67, 3, 100, [[7, 2, 0, 1]]]));
    expect(state.attackStyle).toBe(2);
    expect(state.autoRetaliate).toBe(false);
    expect(state.running).toBe(true);
  });

  it("shows resource nodes, what gathering gives, why it stopped, and water", () => {
    const state = entered();
    state.apply(decodeServerMessage([67, 3, 101, [[0, 42, 1 | 2 | 128 | 256, 4, 7, 0, 5, 1, 1]]]));
    const tree = state.entities.get(42)!;
    expect([tree.kind, tree.type, tree.quantity, tree.tile]).toEqual([4, 1, 1, { x: 7, z: 5 }]);
    state.gathering = 42;
    state.apply(decodeServerMessage([68, 102, [[24, 7, 42, 17, 1, 7, 0, 900]]]));
    expect(state.chat.at(-1)?.text).toBe("You get some lobster.");
    state.apply(decodeServerMessage([68, 103, [[26, 42, 0, 1, 0, 0, 0, 0], [25, 7, 42, 0, 0, 0, 0, 0]]]));
    expect(tree.quantity).toBe(0);
    expect(state.gathering).toBeNull();
    state.gathering = 42;
    state.apply(decodeServerMessage([68, 104, [[25, 7, 42, 0, 0, 0, 10, 0]]]));
    expect(state.chat.at(-1)?.text).toBe("You stop: Your inventory is full.");
    expect([state.content.isWater(2, 1), state.content.isWater(3, 1), state.content.resourceName(1)]).toEqual([true, false, "Tree"]);
  });

  it("shows its bank page by page while open and forgets it when it closes", () => {
    const state = entered();
    expect(state.bank).toBeNull();
    state.apply(decodeServerMessage([68, 101, [[27, 7, 50, 0, 0, 0, 0, 0]]]));
    state.apply(decodeServerMessage([67, 3, 101, [[8, 1, 0, [[17, 40], [0, 0], [19, 3]]], [8, 1, 48, [[1, 5000]]]]]));
    expect(state.bank?.length).toBe(480);
    expect([state.bank?.[0], state.bank?.[1], state.bank?.[2], state.bank?.[48]]).toEqual([
      { item: 17, quantity: 40 },
      { item: 0, quantity: 0 },
      { item: 19, quantity: 3 },
      { item: 1, quantity: 5000 },
    ]);
    state.apply(decodeServerMessage([67, 4, 102, [[8, 0, 0, []]]]));
    expect(state.bank).toBeNull();
  });

  it("shows an open shop's stock and prices and closes it", () => {
    const state = entered();
    state.apply(decodeServerMessage([68, 101, [[29, 7, 9, 1, 0, 0, 0, 0]]]));
    expect(state.chat.at(-1)?.text).toBe("Welcome to the General Store.");
    state.apply(decodeServerMessage([67, 3, 101, [[9, 1, [[24, 5, 16, 6], [16, 20, 5, 2]]]]]));
    expect(state.shop).toEqual({ id: 1, lines: [{ item: 24, quantity: 5, price: 16, offer: 6 }, { item: 16, quantity: 20, price: 5, offer: 2 }] });
    state.apply(decodeServerMessage([67, 4, 102, [[9, 0, []]]]));
    expect(state.shop).toBeNull();
  });

  it("draws a projectile until it lands and forgets an autocast the server refused", () => {
    const state = entered();
    state.apply(decodeServerMessage([68, 101, [[37, 7, 9, 2, 1, 3, 0, 0]]]));
    expect(state.projectiles).toHaveLength(1);
    const shot = state.projectiles[0]!;
    expect([shot.from, shot.to, shot.landsAt - shot.at]).toEqual([7, 9, 3 * 600]);

    state.autocast = 1;
    state.apply(decodeServerMessage([68, 102, [[1, 7, 0, 31, 0, 0, 42, 0]]]));
    expect(state.autocast).toBe(0);
    expect(state.chat.map((line) => line.text)).toContain("Cannot autocast that spell: You need to wield a staff to autocast.");
  });

  it("knows its own gravestones, says how long they hold, and forgets them when they break or empty", () => {
    const state = entered();
    state.apply(decodeServerMessage([67, 3, 101, [[0, 40, 1 | 2 | 128 | 256, 6, 5, 0, 6, 0, 4]]]));
    expect(state.entities.get(40)?.quantity).toBe(4);
    state.apply(decodeServerMessage([68, 101, [[38, 7, 40, 4, 1500, 0, 0, 55]]]));
    expect(state.gravestones.has(40)).toBe(true);
    expect(state.chat.at(-1)?.text).toBe("Your items are in a gravestone where you died. Only you can take them back, for about 15 minutes.");
    state.apply(decodeServerMessage([68, 102, [[39, 7, 40, 0, 0, 0, 0, 56]]]));
    expect(state.gravestones.has(40)).toBe(false);
    expect(state.chat.at(-1)?.text).toBe("You take the last of your items from your gravestone.");

    state.apply(decodeServerMessage([68, 103, [[38, 7, 41, 2, 90, 0, 0, 0]]]));
    expect(state.chat.at(-1)?.text).toContain("for about 1 minute.");
    state.apply(decodeServerMessage([68, 104, [[39, 7, 41, 2, 0, 0, 0, 57]]]));
    expect(state.gravestones.size).toBe(0);
    expect(state.chat.at(-1)?.text).toBe("Your gravestone has crumbled: your items lie on the ground for anyone to take.");
  });
});
