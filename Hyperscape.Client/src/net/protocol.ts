// The wire protocol of docs/PROTOCOL.md: every message is one array whose first element is its
// type. This module turns server arrays into typed messages and client intents into arrays; it
// knows nothing about sockets.

export const ProtocolVersion = 1;

export const enum ClientType {
  Hello = 1,
  Action = 2,
  Chat = 3,
  Social = 4,
  ListCharacters = 5,
  CreateCharacter = 6,
  SelectCharacter = 7,
  RequestVoiceToken = 8,
  Ping = 9,
  SetVoiceMode = 10,
}

export const enum ServerType {
  Welcome = 64,
  CharacterList = 65,
  EnteredWorld = 66,
  Sync = 67,
  Event = 68,
  ChatMessage = 69,
  Error = 70,
  SocialUpdate = 71,
  VoiceToken = 72,
  Pong = 73,
  ZoneChange = 74,
}

export const enum ActionKind {
  Move = 1,
  SetRun = 2,
  Attack = 3,
  Pickup = 4,
  Drop = 5,
  Equip = 6,
  Unequip = 7,
  Eat = 8,
  TradeRequest = 9,
  TradeOffer = 10,
  TradeAccept = 11,
  TradeDecline = 12,
  Emote = 13,
  SetAttackStyle = 14,
  SetAutoRetaliate = 15,
  TogglePrayer = 16,
  Bury = 17,
  PrayAtAltar = 18,
  Interact = 19,
  BankDeposit = 20,
  BankWithdraw = 21,
  BankDepositAll = 22,
  BankClose = 23,
  ShopBuy = 24,
  ShopSell = 25,
  ShopClose = 26,
  Light = 27,
  UseItemOnObject = 28,
  Make = 29,
  CastSpell = 30,
  SetAutocast = 31,
  LootGravestone = 32,
}

/** One line of an open shop: the item, how many it has, what one costs you and what it pays you for one. */
export interface ShopLine {
  item: number;
  quantity: number;
  price: number;
  offer: number;
}

export const enum EntityKind {
  Player = 1,
  Npc = 2,
  GroundItem = 3,
  Resource = 4,
  Object = 5,
  Gravestone = 6,
}

export const enum EventKind {
  ActionRejected = 1,
  Damage = 5,
  LevelUp = 6,
  Died = 7,
  Respawned = 8,
  NpcKilled = 9,
  InventoryChanged = 10,
  EquipmentChanged = 11,
  Healed = 16,
  TradeRequested = 17,
  TradeOpened = 18,
  TradeUpdated = 19,
  TradeCompleted = 20,
  TradeCancelled = 21,
  EmotePlayed = 22,
  PrayerDrained = 23,
  Gathered = 24,
  GatheringStopped = 25,
  ResourceDepleted = 26,
  BankOpened = 27,
  BankClosed = 28,
  ShopOpened = 29,
  ShopClosed = 30,
  Made = 32,
  Burnt = 33,
  MakeFailed = 34,
  ObstacleCrossed = 35,
  LapCompleted = 36,
  Projectile = 37,
  GravestoneCreated = 38,
  GravestoneBroken = 39,
}

/** Sync field bits, in the order their values follow the mask. */
export const enum Field {
  Kind = 1,
  Position = 2,
  Rotation = 4,
  Health = 8,
  Combat = 16,
  Emote = 32,
  Name = 64,
  Type = 128,
  Quantity = 256,
  Appearance = 512,
}

export const enum ChatChannel {
  Public = 0,
  Private = 1,
  System = 2,
}

export interface EntityFields {
  kind?: EntityKind;
  x?: number;
  y?: number;
  z?: number;
  yaw?: number;
  health?: number;
  maxHealth?: number;
  target?: number;
  inCombatUntil?: number;
  emote?: number;
  emoteUntil?: number;
  name?: string;
  type?: number;
  quantity?: number;
  appearance?: number[];
}

export type SyncEntry =
  | { op: "spawn" | "update"; id: number; mask: number; fields: EntityFields }
  | { op: "despawn"; id: number }
  | { op: "inventory"; slots: ItemSlot[] }
  | { op: "equipment"; slots: ItemSlot[] }
  | { op: "prayer"; points: number; active: number }
  | { op: "settings"; combatOption: number; autoRetaliate: boolean; running: boolean }
  | { op: "bank"; open: boolean; firstSlot: number; slots: ItemSlot[] }
  | { op: "shop"; shopId: number; lines: ShopLine[] }
  | { op: "skills"; skills: SkillValue[] };

export interface ItemSlot {
  item: number;
  quantity: number;
}

export interface SkillValue {
  level: number;
  xpTenths: number;
}

export interface GameEvent {
  kind: number;
  subject: number;
  other: number;
  a: number;
  b: number;
  c: number;
  reason: number;
  transaction: number;
}

export interface CharacterSummary {
  id: number;
  name: string;
  combatLevel: number;
}

export type ServerMessage =
  | { type: ServerType.Welcome; version: number; accountId: string }
  | { type: ServerType.CharacterList; characters: CharacterSummary[] }
  | { type: ServerType.EnteredWorld; networkId: number; tick: number; resumeToken: string }
  | { type: ServerType.Sync; frame: number; tick: number; entries: SyncEntry[] }
  | { type: ServerType.Event; tick: number; events: GameEvent[] }
  | { type: ServerType.ChatMessage; channel: ChatChannel; from: number; fromName: string; text: string }
  | { type: ServerType.Error; code: number; message: string }
  | { type: ServerType.SocialUpdate; operation: number; name: string; online: boolean }
  | { type: ServerType.VoiceToken; enabled: boolean; url: string | null; token: string | null; room: string | null }
  | { type: ServerType.Pong; clientTime: number; serverTime: number }
  | { type: ServerType.ZoneChange; zone: number; address: string; resumeToken: string | null };

export class ProtocolError extends Error {
  override name = "ProtocolError";
}

function num(value: unknown, what: string): number {
  if (typeof value === "number") {
    return value;
  }
  if (typeof value === "bigint") {
    return Number(value);
  }
  throw new ProtocolError(`${what} should be a number, not ${typeof value}.`);
}

function str(value: unknown, what: string): string {
  if (typeof value !== "string") {
    throw new ProtocolError(`${what} should be a string, not ${typeof value}.`);
  }
  return value;
}

function optStr(value: unknown, what: string): string | null {
  return value === null || value === undefined ? null : str(value, what);
}

function arr(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new ProtocolError(`${what} should be an array.`);
  }
  return value;
}

function slots(value: unknown, what: string): ItemSlot[] {
  return arr(value, what).map((slot, i) => {
    const pair = arr(slot, `${what}[${i}]`);
    return { item: num(pair[0], `${what}[${i}].item`), quantity: num(pair[1], `${what}[${i}].quantity`) };
  });
}

/** Reads an entity's fields in mask order, starting at element 3 of the entry. */
export function decodeFields(entry: unknown[], mask: number): EntityFields {
  const fields: EntityFields = {};
  let i = 3;
  const next = (what: string): number => num(entry[i++], what);
  if (mask & Field.Kind) fields.kind = next("kind") as EntityKind;
  if (mask & Field.Position) {
    fields.x = next("x");
    fields.y = next("y");
    fields.z = next("z");
  }
  if (mask & Field.Rotation) fields.yaw = next("yaw");
  if (mask & Field.Health) {
    fields.health = next("health");
    fields.maxHealth = next("max health");
  }
  if (mask & Field.Combat) {
    fields.target = next("combat target");
    fields.inCombatUntil = next("in combat until");
  }
  if (mask & Field.Emote) {
    fields.emote = next("emote");
    fields.emoteUntil = next("emote until");
  }
  if (mask & Field.Name) fields.name = str(entry[i++], "name");
  if (mask & Field.Type) fields.type = next("type");
  if (mask & Field.Quantity) fields.quantity = next("quantity");
  if (mask & Field.Appearance) fields.appearance = arr(entry[i++], "appearance").map((id) => num(id, "appearance item"));
  return fields;
}

function syncEntry(value: unknown): SyncEntry {
  const entry = arr(value, "sync entry");
  const op = num(entry[0], "sync op");
  switch (op) {
    case 0:
    case 1: {
      const mask = num(entry[2], "mask");
      return { op: op === 0 ? "spawn" : "update", id: num(entry[1], "network id"), mask, fields: decodeFields(entry, mask) };
    }
    case 2:
      return { op: "despawn", id: num(entry[1], "network id") };
    case 3:
      return { op: "inventory", slots: slots(entry[1], "inventory") };
    case 4:
      return { op: "equipment", slots: slots(entry[1], "equipment") };
    case 5:
      return {
        op: "skills",
        skills: arr(entry[1], "skills").map((pair, i) => {
          const skill = arr(pair, `skills[${i}]`);
          return { level: num(skill[0], "level"), xpTenths: num(skill[1], "xp") };
        }),
      };
    case 6:
      return { op: "prayer", points: num(entry[1], "prayer points"), active: num(entry[2], "active prayers") };
    case 7:
      return { op: "settings", combatOption: num(entry[1], "combat option"), autoRetaliate: num(entry[2], "auto retaliate") === 1, running: num(entry[3], "running") === 1 };
    case 9:
      return {
        op: "shop",
        shopId: num(entry[1], "shop id"),
        lines: arr(entry[2], "shop lines").map((line, i) => {
          const f = arr(line, `shop line ${i}`);
          return { item: num(f[0], "item"), quantity: num(f[1], "quantity"), price: num(f[2], "price"), offer: num(f[3], "offer") };
        }),
      };
    case 8:
      return { op: "bank", open: num(entry[1], "bank open") === 1, firstSlot: num(entry[2], "bank first slot"), slots: slots(entry[3], "bank") };
    default:
      throw new ProtocolError(`Unknown sync op ${op}.`);
  }
}

/** Turns one decoded server array (MessagePack or JSON) into a typed message. */
export function decodeServerMessage(value: unknown): ServerMessage {
  const m = arr(value, "message");
  const type = num(m[0], "message type");
  switch (type) {
    case ServerType.Welcome:
      return { type, version: num(m[1], "version"), accountId: str(m[2], "account id") };
    case ServerType.CharacterList:
      return {
        type,
        characters: arr(m[1], "characters").map((c, i) => {
          const row = arr(c, `characters[${i}]`);
          return { id: num(row[0], "character id"), name: str(row[1], "name"), combatLevel: num(row[2], "combat level") };
        }),
      };
    case ServerType.EnteredWorld:
      return { type, networkId: num(m[1], "network id"), tick: num(m[2], "tick"), resumeToken: str(m[3], "resume token") };
    case ServerType.Sync:
      return { type, frame: num(m[1], "frame"), tick: num(m[2], "tick"), entries: arr(m[3], "entries").map(syncEntry) };
    case ServerType.Event:
      return {
        type,
        tick: num(m[1], "tick"),
        events: arr(m[2], "events").map((e, i) => {
          const f = arr(e, `events[${i}]`).map((v, j) => num(v, `events[${i}][${j}]`));
          return { kind: f[0] ?? 0, subject: f[1] ?? 0, other: f[2] ?? 0, a: f[3] ?? 0, b: f[4] ?? 0, c: f[5] ?? 0, reason: f[6] ?? 0, transaction: f[7] ?? 0 };
        }),
      };
    case ServerType.ChatMessage:
      return { type, channel: num(m[1], "channel") as ChatChannel, from: num(m[2], "from"), fromName: str(m[3], "from name"), text: str(m[4], "text") };
    case ServerType.Error:
      return { type, code: num(m[1], "code"), message: str(m[2], "message") };
    case ServerType.SocialUpdate:
      return { type, operation: num(m[1], "operation"), name: str(m[2], "name"), online: m[3] === true };
    case ServerType.VoiceToken:
      return { type, enabled: m[1] === true, url: optStr(m[2], "url"), token: optStr(m[3], "token"), room: optStr(m[4], "room") };
    case ServerType.Pong:
      return { type, clientTime: num(m[1], "client time"), serverTime: num(m[2], "server time") };
    case ServerType.ZoneChange:
      return { type, zone: num(m[1], "zone"), address: str(m[2], "address"), resumeToken: optStr(m[3], "resume token") };
    default:
      throw new ProtocolError(`Unknown server message type ${type}.`);
  }
}

/** Client intents, as the arrays the server decodes. */
export const ClientMessages = {
  hello: (accessToken: string | null, resumeToken: string | null): unknown[] => [ClientType.Hello, ProtocolVersion, accessToken, resumeToken],
  action: (kind: ActionKind, fields: { target?: number; slot?: number; quantity?: number; x?: number; z?: number; value?: number } = {}): unknown[] => [
    ClientType.Action,
    kind,
    fields.target ?? 0,
    fields.slot ?? 0,
    fields.quantity ?? 0,
    fields.x ?? 0,
    fields.z ?? 0,
    fields.value ?? 0,
  ],
  chat: (channel: ChatChannel.Public | ChatChannel.Private, recipient: string | null, text: string): unknown[] => [ClientType.Chat, channel, recipient, text],
  social: (operation: 1 | 2 | 3 | 4, name: string): unknown[] => [ClientType.Social, operation, name],
  listCharacters: (): unknown[] => [ClientType.ListCharacters],
  createCharacter: (name: string): unknown[] => [ClientType.CreateCharacter, name],
  selectCharacter: (id: number): unknown[] => [ClientType.SelectCharacter, id],
  requestVoiceToken: (): unknown[] => [ClientType.RequestVoiceToken],
  ping: (clientTime: number): unknown[] => [ClientType.Ping, clientTime],
  setVoiceMode: (mode: 0 | 1): unknown[] => [ClientType.SetVoiceMode, mode],
};
