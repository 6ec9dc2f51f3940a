// Everything the client knows about its session and what it sees, updated from server messages.
// The server decides; this only mirrors what it said, plus the local player's predicted walk.

import { LocalPrediction } from "../motion/localPrediction";
import { TickClock } from "../motion/tickClock";
import { errorText, rejectionText } from "../net/reasons";
import {
  ChatChannel,
  EntityKind,
  EventKind,
  ServerType,
  type CharacterSummary,
  type GameEvent,
  type ItemSlot,
  type ServerMessage,
  type ShopLine,
  type SkillValue,
} from "../net/protocol";
import { SkillNames, WeaponSlot, type Content } from "../world/content";
import { Pathfinder } from "../world/pathfinder";
import type { TileMap } from "../world/tileMap";
import { EntityView } from "./entityView";

export interface ChatLine {
  channel: ChatChannel | "game";
  from: string;
  text: string;
  at: number;
}

/** A projectile in flight, drawn from its shooter to its target until it lands. */
export interface Projectile {
  from: number;
  to: number;
  /** When it was shot and when it lands, in ms of the page clock. */
  at: number;
  landsAt: number;
}

export interface HitSplat {
  entity: number;
  damage: number;
  at: number;
}

export interface XpDrop {
  skill: number;
  tenths: number;
  at: number;
}

export type Phase = "login" | "characters" | "world";

/** Slots in a bank (docs/PROTOCOL.md, OwnBank). */
export const BankSlots = 480;

export class GameState {
  phase: Phase = "login";
  accountId = "";
  characters: CharacterSummary[] = [];
  networkId = 0;
  tick = 0;
  running = false;
  attackStyle = 0;
  autoRetaliate = true;
  prayerPoints = 0;
  /** The prayers on, one bit per prayer id. */
  activePrayers = 0;
  /** The open shop (id and lines, with prices), or null. */
  shop: { id: number; lines: ShopLine[] } | null = null;
  /** The open bank's 480 slots as the server sent them, or null while it is closed. */
  bank: ItemSlot[] | null = null;
  /** The resource node being worked (network id), or null: shown until the server says it stopped. */
  gathering: number | null = null;
  readonly entities = new Map<number, EntityView>();
  inventory: ItemSlot[] = [];
  equipment: ItemSlot[] = [];
  skills: SkillValue[] = [];
  readonly chat: ChatLine[] = [];
  readonly friends = new Map<string, boolean>();
  readonly ignores = new Set<string>();
  readonly splats: HitSplat[] = [];
  readonly projectiles: Projectile[] = [];
  /** Your gravestones standing (network ids): only you may loot them until they break open. */
  readonly gravestones = new Set<number>();
  /** The spell the next click on an NPC casts (0: a click attacks). */
  armedSpell = 0;
  /** The spell this player asked its staff to autocast (0: none); the server's refusal clears it. */
  autocast = 0;
  readonly xpDrops: XpDrop[] = [];
  readonly clock: TickClock;
  readonly prediction: LocalPrediction;
  voice = "off";
  /** The last round trip of a Ping, in ms. */
  latencyMs: number | null = null;
  lastError = "";
  /** Counts of what arrived, for tests and the debug line. */
  readonly received = { sync: 0, events: 0, corrections: 0, agreements: 0, splats: 0, xpDrops: 0 };

  private readonly listeners = new Set<() => void>();

  constructor(
    readonly content: Content,
    readonly map: TileMap,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.clock = new TickClock(content.world.tickMs);
    this.prediction = new LocalPrediction(map, new Pathfinder(map));
  }

  get me(): EntityView | undefined {
    return this.entities.get(this.networkId);
  }

  get dead(): boolean {
    return this.me?.dead ?? false;
  }

  /** Called whenever panels may need redrawing (not for every position: the canvas reads those each frame). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  say(text: string, channel: ChatLine["channel"] = "game", from = ""): void {
    this.chat.push({ channel, from, text, at: this.now() });
    if (this.chat.length > 200) this.chat.splice(0, this.chat.length - 200);
    this.changed();
  }

  /** The altar next to (or under) the player, if any: praying there restores prayer points. */
  altarInReach(): { x: number; z: number } | undefined {
    const here = this.prediction.serverTile;
    if (!here) return undefined;
    return this.content.world.altars.find((altar) => Math.max(Math.abs(altar.x - here.x), Math.abs(altar.z - here.z)) <= 1);
  }

  /** The combat options of the weapon in hand (the equipment's weapon slot), in button order. */
  combatStyles(): string[] {
    return this.content.stylesOf(this.equipment[WeaponSlot]?.item ?? 0);
  }

  apply(message: ServerMessage): void {
    const now = this.now();
    switch (message.type) {
      case ServerType.Welcome:
        this.accountId = message.accountId;
        break;
      case ServerType.CharacterList:
        this.characters = message.characters;
        if (this.phase !== "world") this.phase = "characters";
        break;
      case ServerType.EnteredWorld:
        // A resume enters again and resyncs: everything in view is spawned anew.
        this.entities.clear();
        this.prediction.cancel();
        this.networkId = message.networkId;
        this.tick = message.tick;
        this.clock.observe(message.tick, now);
        this.phase = "world";
        break;
      case ServerType.Sync:
        this.applySync(message.tick, message.entries, now);
        return;
      case ServerType.Event:
        this.received.events++;
        this.tick = Math.max(this.tick, message.tick);
        for (const event of message.events) this.applyEvent(event, now);
        break;
      case ServerType.ChatMessage:
        this.say(message.text, message.channel, message.channel === ChatChannel.System ? "" : message.fromName);
        return;
      case ServerType.Error:
        this.lastError = errorText(message.code, message.message);
        this.say(this.lastError);
        return;
      case ServerType.SocialUpdate:
        this.applySocial(message.operation, message.name, message.online);
        break;
      case ServerType.VoiceToken:
        this.voice = message.enabled ? `token for room ${message.room ?? "?"} (${message.url ?? ""})` : "disabled on this server";
        break;
      case ServerType.Pong:
        this.latencyMs = Math.max(0, Date.now() - message.clientTime);
        break;
    }
    this.changed();
  }

  private applySync(tick: number, entries: Extract<ServerMessage, { type: ServerType.Sync }>["entries"], now: number): void {
    this.received.sync++;
    this.tick = Math.max(this.tick, tick);
    this.clock.observe(tick, now);
    let panels = false;
    for (const entry of entries) {
      switch (entry.op) {
        case "spawn": {
          const view = new EntityView(entry.id);
          view.apply(entry.fields, tick);
          this.entities.set(entry.id, view);
          if (entry.id === this.networkId) this.reconcile(view, tick);
          break;
        }
        case "update": {
          const view = this.entities.get(entry.id);
          if (!view) break;
          view.apply(entry.fields, tick);
          if (entry.id === this.networkId) {
            if (entry.fields.x !== undefined) this.reconcile(view, tick);
            panels = true;
          }
          break;
        }
        case "despawn":
          this.entities.delete(entry.id);
          break;
        case "inventory":
          this.inventory = entry.slots;
          panels = true;
          break;
        case "equipment":
          this.equipment = entry.slots;
          // The server keeps the same button on a new weapon, or its last when it has fewer.
          this.attackStyle = Math.min(this.attackStyle, this.combatStyles().length - 1);
          panels = true;
          break;
        case "skills":
          this.applySkills(entry.skills, now);
          panels = true;
          break;
        case "prayer":
          this.prayerPoints = entry.points;
          this.activePrayers = entry.active;
          panels = true;
          break;
        case "shop":
          this.shop = entry.shopId === 0 ? null : { id: entry.shopId, lines: entry.lines };
          panels = true;
          break;
        case "bank":
          if (!entry.open) {
            this.bank = null;
          } else {
            this.bank ??= Array.from({ length: BankSlots }, () => ({ item: 0, quantity: 0 }));
            entry.slots.forEach((slot, i) => {
              if (entry.firstSlot + i < BankSlots) this.bank![entry.firstSlot + i] = slot;
            });
          }
          panels = true;
          break;
        case "settings":
          // The server's word: on entering (what was saved) and after each change it applied.
          this.attackStyle = entry.combatOption;
          this.autoRetaliate = entry.autoRetaliate;
          if (entry.running !== this.running) {
            this.running = entry.running;
            this.prediction.setRunning(entry.running, tick);
          }
          panels = true;
          break;
      }
    }
    if (panels) this.changed();
  }

  private reconcile(view: EntityView, tick: number): void {
    const tile = view.tile;
    if (!tile) return;
    const outcome = this.prediction.reconcile(tick, tile);
    if (outcome === "corrected") this.received.corrections++;
    if (outcome === "agreed" || outcome === "shifted") this.received.agreements++;
  }

  private applySkills(skills: SkillValue[], now: number): void {
    if (this.skills.length === skills.length) {
      skills.forEach((skill, i) => {
        const gained = skill.xpTenths - (this.skills[i]?.xpTenths ?? skill.xpTenths);
        if (gained > 0) {
          this.xpDrops.push({ skill: i, tenths: gained, at: now });
          this.received.xpDrops++;
        }
      });
    }
    this.skills = skills;
  }

  private applyEvent(event: GameEvent, now: number): void {
    const mine = event.subject === this.networkId;
    switch (event.kind) {
      case EventKind.ActionRejected:
        if (mine) {
          this.say(rejectionText(event.a, event.reason));
          if (event.a === 31) this.autocast = 0;
        }
        break;
      case EventKind.Damage: {
        this.splats.push({ entity: event.subject, damage: event.a, at: now });
        this.received.splats++;
        const view = this.entities.get(event.subject);
        if (view) view.health = event.b;
        break;
      }
      case EventKind.LevelUp:
        if (mine) {
          const skill = SkillNames[event.a] ?? "skill";
          this.say(`Congratulations, you just advanced ${/^[AEIOU]/.test(skill) ? "an" : "a"} ${skill} level. It is now ${event.b}.`);
        }
        break;
      case EventKind.Died: {
        const view = this.entities.get(event.subject);
        if (view) view.dead = true;
        if (mine) {
          this.prediction.cancel();
          this.say("Oh dear, you are dead!");
        }
        break;
      }
      case EventKind.Respawned: {
        const view = this.entities.get(event.subject);
        if (view) view.dead = false;
        if (mine) this.say("You wake up in town.");
        break;
      }
      case EventKind.NpcKilled:
        this.say(`You killed a ${this.content.npcName(event.a)}. Kill count: ${event.b}.`);
        break;
      case EventKind.Healed:
        if (mine) this.say(`You eat. It heals ${event.a}; health ${event.b}.`);
        break;
      case EventKind.TradeRequested:
        if (event.other === this.networkId) this.say(`${this.nameOf(event.subject)} wishes to trade with you.`);
        break;
      case EventKind.TradeOpened:
        this.say(`Trading with ${this.nameOf(event.other)}.`);
        break;
      case EventKind.TradeCompleted:
        this.say("The trade is complete.");
        break;
      case EventKind.TradeCancelled:
        this.say(event.reason === 0 ? "The trade was declined." : `The trade was cancelled: ${rejectionText(0, event.reason)}`);
        break;
      case EventKind.PrayerDrained:
        if (mine) this.say("You have run out of prayer points; you can recharge at an altar.");
        break;
      case EventKind.Gathered:
        if (mine) this.say(`You get some ${this.content.itemName(event.a).toLowerCase()}.`);
        break;
      case EventKind.GatheringStopped:
        if (mine) {
          this.gathering = null;
          if (event.reason !== 0) this.say(`You stop: ${rejectionText(0, event.reason)}`);
        }
        break;
      case EventKind.BankOpened:
        if (mine) this.say("The bank is open: deposit from your inventory, withdraw from the bank panel.");
        break;
      case EventKind.BankClosed:
        if (mine) this.bank = null;
        break;
      case EventKind.Made:
        if (mine) {
          const made = this.content.itemName(event.a).toLowerCase();
          this.say(event.a === 0 ? "The fire catches and the logs begin to burn." : event.c === 11 ? `You cook the ${made}.` : `You make ${event.b > 1 ? `${event.b} × ` : ""}${made}.`);
        }
        break;
      case EventKind.Burnt:
        if (mine) this.say("You accidentally burn it.");
        break;
      case EventKind.Projectile:
        this.projectiles.push({ from: event.subject, to: event.other, at: now, landsAt: now + event.c * this.content.world.tickMs });
        break;
      case EventKind.GravestoneCreated:
        if (mine) {
          this.gravestones.add(event.other);
          const minutes = Math.ceil((event.b * this.content.world.tickMs) / 60000);
          this.say(`Your items are in a gravestone where you died. Only you can take them back, for about ${minutes} minute${minutes === 1 ? "" : "s"}.`);
        }
        break;
      case EventKind.GravestoneBroken:
        this.gravestones.delete(event.other);
        if (mine) this.say(event.a === 0 ? "You take the last of your items from your gravestone." : "Your gravestone has crumbled: your items lie on the ground for anyone to take.");
        break;
      case EventKind.MakeFailed:
        if (mine) this.say(`You fail to make the ${this.content.itemName(event.a).toLowerCase()}; the materials are lost.`);
        break;
      case EventKind.ObstacleCrossed:
        if (mine) this.say(event.a === 1 ? "You make it across." : `You slip and fall, taking ${event.b} damage.`);
        break;
      case EventKind.LapCompleted:
        if (mine) this.say(`You finish a lap of the ${this.content.world.courses?.[event.a - 1]?.name ?? "course"}: ${event.b / 10} bonus XP.`);
        break;
      case EventKind.ShopOpened:
        if (mine) this.say(`Welcome to the ${this.content.world.shops?.[String(event.a)] ?? "shop"}.`);
        break;
      case EventKind.ShopClosed:
        if (mine) this.shop = null;
        break;
      case EventKind.ResourceDepleted: {
        const view = this.entities.get(event.subject);
        if (view) view.quantity = 0;
        break;
      }
      case EventKind.EmotePlayed:
      case EventKind.InventoryChanged:
      case EventKind.EquipmentChanged:
      case EventKind.TradeUpdated:
        // The sync frames carry the resulting state (inventory, equipment, emote field).
        break;
    }
  }

  private applySocial(operation: number, name: string, online: boolean): void {
    switch (operation) {
      case 1:
      case 6:
        this.friends.set(name, online);
        if (operation === 6) this.say(`${name} has ${online ? "logged in" : "logged out"}.`);
        break;
      case 2:
        this.friends.delete(name);
        break;
      case 3:
        this.ignores.add(name);
        break;
      case 4:
        this.ignores.delete(name);
        break;
      case 5:
        this.say(`${name} added you as a friend. Add them back to see each other online.`);
        break;
    }
  }

  nameOf(id: number): string {
    const view = this.entities.get(id);
    if (!view) return "Someone";
    return view.kind === EntityKind.Npc ? this.content.npcName(view.type) : view.name;
  }
}
