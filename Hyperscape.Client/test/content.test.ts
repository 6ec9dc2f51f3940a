import { describe, expect, it } from "vitest";
import { Content, ObjectKind, type WorldDescription } from "../src/world/content";

const world: WorldDescription = {
  width: 16,
  height: 16,
  blocked: "",
  items: [],
  npcs: [],
  tickMs: 600,
  frameMs: 50,
  viewRadius: 16,
  privy: false,
  voice: false,
  unarmedStyles: [],
  prayers: [],
  altars: [],
  resources: [],
  water: [],
  shops: {},
  recipes: [
    { product: 59, quantity: 1, skill: "smithing", level: 1, xpTenths: 62, station: ObjectKind.Furnace, inputs: [[39, 1], [40, 1]], tools: [] },
    { product: 63, quantity: 1, skill: "smithing", level: 1, xpTenths: 125, station: ObjectKind.Anvil, inputs: [[59, 1]], tools: [62] },
    { product: 69, quantity: 15, skill: "fletching", level: 1, xpTenths: 50, station: 0, inputs: [[19, 1]], tools: [68] },
    { product: 85, quantity: 1, skill: "runecrafting", level: 1, xpTenths: 50, station: ObjectKind.RuneAltar, inputs: [[84, 1]], tools: [] },
    { product: 86, quantity: 1, skill: "runecrafting", level: 2, xpTenths: 55, station: ObjectKind.RuneAltar, inputs: [[84, 1]], tools: [] },
  ],
  objects: [
    { at: { x: 3, z: 3 }, kind: ObjectKind.RuneAltar, makes: 85 },
    { at: { x: 5, z: 3 }, kind: ObjectKind.RuneAltar, makes: 86 },
  ],
  courses: [{ name: "Course", lapXpTenths: 390, obstacles: [{ name: "Log balance", at: { x: 8, z: 8 }, landing: { x: 10, z: 8 }, level: 1, xpTenths: 75 }] }],
};

describe("the content's recipes and objects", () => {
  const content = new Content(world);

  it("offers at a station only what is made there, and at a rune altar only its own rune", () => {
    expect(content.recipesAt(ObjectKind.Furnace, { x: 0, z: 0 }).map((r) => r.product)).toEqual([59]);
    expect(content.recipesAt(ObjectKind.Anvil, { x: 0, z: 0 }).map((r) => r.product)).toEqual([63]);
    expect(content.recipesAt(ObjectKind.RuneAltar, { x: 5, z: 3 }).map((r) => r.product)).toEqual([86]);
    expect(content.recipesAt(ObjectKind.BankBooth, { x: 0, z: 0 })).toEqual([]);
  });

  it("offers for an item what it makes anywhere, and names obstacles by tile", () => {
    expect(content.recipesUsing(19).map((r) => r.product)).toEqual([69]);
    expect(content.recipesUsing(59)).toEqual([]);
    expect(content.obstacleAt({ x: 8, z: 8 })?.name).toBe("Log balance");
    expect(content.obstacleAt({ x: 9, z: 8 })).toBeUndefined();
  });
});
