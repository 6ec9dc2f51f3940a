import { readFileSync } from "node:fs";
import { decode } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { ActionKind, ChatChannel, ClientMessages, decodeServerMessage, ServerType } from "../src/net/protocol";

// Every example of docs/PROTOCOL.md: a title, its MessagePack bytes and its JSON.
const document = readFileSync(new URL("../../docs/PROTOCOL.md", import.meta.url), "utf8");
const examples: Array<{ title: string; bytes: Uint8Array; json: unknown }> = [];
let title = "";
let hex = "";
for (const line of document.split("\n")) {
  if (line.startsWith("#### ")) title = line.slice(5).trim();
  const pack = /^- MessagePack: `([0-9a-f ]+)`/.exec(line);
  if (pack) hex = pack[1]!;
  const json = /^- JSON: `(.+)`$/.exec(line);
  if (json) {
    examples.push({ title, bytes: Uint8Array.from(hex.split(" ").map((b) => parseInt(b, 16))), json: JSON.parse(json[1]!) });
  }
}
function single(value: unknown): unknown {
  if (typeof value === "number") return Math.fround(value);
  if (Array.isArray(value)) return value.map(single);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, single(v)]));
  return value;
}
const server = examples.filter((e) => e.title.endsWith("(server)"));
const client = examples.filter((e) => e.title.endsWith("(client)"));

describe("server messages", () => {
  it("the document has examples of every server message", () => {
    const types = new Set(server.map((e) => (e.json as number[])[0]));
    for (const type of [64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74]) expect(types).toContain(type);
  });

  it.each(server.map((e) => [e.title, e] as const))("%s decodes the same from MessagePack and JSON", (_, example) => {
    const fromPack = decodeServerMessage(decode(example.bytes));
    const fromJson = decodeServerMessage(example.json);
    // JSON spells a float32 in its shortest decimal form: compare at float32 precision.
    expect(single(fromPack)).toEqual(single(fromJson));
  });

  it("reads a sync frame's spawn, update and despawn by their masks", () => {
    const frame = server.find((e) => e.title.startsWith("Sync frame"))!;
    const message = decodeServerMessage(decode(frame.bytes));
    expect(message.type).toBe(ServerType.Sync);
    if (message.type !== ServerType.Sync) return;
    expect(message.tick).toBe(8812);
    expect(message.entries[0]).toEqual({ op: "update", id: 1051, mask: 2, fields: { x: 131, y: 0, z: 128 } });
    const spawn = message.entries[1]!;
    expect(spawn.op).toBe("spawn");
    if (spawn.op !== "spawn") return;
    expect(spawn.fields).toMatchObject({ kind: 2, x: 134, z: 120, health: 8, maxHealth: 8, target: 0, type: 3 });
    expect(spawn.fields.yaw).toBeCloseTo(Math.PI / 2, 5);
    expect(message.entries[2]).toEqual({ op: "despawn", id: 23 });
  });

  it("reads events with all eight fields", () => {
    const events = decodeServerMessage([68, 5, [[5, 17, 1051, 3, 5, 0, 0, 0]]]);
    expect(events).toEqual({ type: 68, tick: 5, events: [{ kind: 5, subject: 17, other: 1051, a: 3, b: 5, c: 0, reason: 0, transaction: 0 }] });
  });

  it("reads the owner's inventory, equipment and skills", () => {
    const message = decodeServerMessage([67, 1, 2, [[3, [[1, 25], [0, 0]]], [4, [[2, 1]]], [5, [[3, 1300]]]]]);
    expect(message).toEqual({
      type: 67,
      frame: 1,
      tick: 2,
      entries: [
        { op: "inventory", slots: [{ item: 1, quantity: 25 }, { item: 0, quantity: 0 }] },
        { op: "equipment", slots: [{ item: 2, quantity: 1 }] },
        { op: "skills", skills: [{ level: 3, xpTenths: 1300 }] },
      ],
    });
  });

  it("refuses what is not a server message", () => {
    expect(() => decodeServerMessage([2, 1])).toThrow(/Unknown server message type 2/);
    expect(() => decodeServerMessage("hello")).toThrow(/array/);
    expect(() => decodeServerMessage([67, 1, 2, [[10, 1]]])).toThrow(/Unknown sync op 10/);
    expect(() => decodeServerMessage([67, 1, 2, [[9, 1]]])).toThrow(/shop lines should be an array/);
    expect(() => decodeServerMessage([64, 1, 5])).toThrow(/account id should be a string/);
  });
});

describe("client messages", () => {
  const json = (title: string) => client.find((e) => e.title.startsWith(title))!.json;

  it("are the arrays the document shows", () => {
    expect(ClientMessages.hello(null, null)).toEqual(json("Anonymous hello"));
    expect(ClientMessages.action(ActionKind.Move, { x: 131, z: 127 })).toEqual(json("Move action"));
    expect(ClientMessages.action(ActionKind.Attack, { target: 17 })).toEqual(json("Attack action"));
    expect(ClientMessages.action(ActionKind.TradeOffer, { slot: 3, quantity: 250 })).toEqual(json("Trade offer"));
    expect(ClientMessages.chat(ChatChannel.Private, "Bob", "gz on 99")).toEqual(json("Private chat"));
    expect(ClientMessages.chat(ChatChannel.Public, null, "hello world")).toEqual(json("Public chat"));
    expect(ClientMessages.social(1, "Bob")).toEqual(json("Add friend"));
    expect(ClientMessages.listCharacters()).toEqual(json("List characters"));
    expect(ClientMessages.createCharacter("Zezima")).toEqual(json("Create character"));
    expect(ClientMessages.selectCharacter(42)).toEqual(json("Select character"));
    expect(ClientMessages.requestVoiceToken()).toEqual(json("Request voice token"));
    expect(ClientMessages.ping(1700000000123)).toEqual(json("Ping"));
    expect(ClientMessages.setVoiceMode(1)).toEqual(json("Push-to-talk"));
  });
});
