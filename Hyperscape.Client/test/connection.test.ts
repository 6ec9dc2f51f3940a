import { decode } from "@msgpack/msgpack";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GameConnection } from "../src/net/connection";

// A WebSocket stand-in: the test opens, feeds and closes it as a server would.
class FakeSocket {
  static readonly OPEN = 1;
  static opened: FakeSocket[] = [];
  readyState = 0;
  binaryType = "blob";
  sent: unknown[][] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }

  send(data: Uint8Array): void {
    this.sent.push(decode(data) as unknown[]);
  }

  close(): void {
    this.readyState = 3;
  }

  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }

  receive(message: unknown[]): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  closeFromServer(code: number, reason = ""): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

describe("following the character to another zone", () => {
  let sessions = 0;
  let connection: GameConnection;
  const real = globalThis.WebSocket;

  beforeEach(() => {
    FakeSocket.opened = [];
    sessions = 0;
    (globalThis as { WebSocket: unknown }).WebSocket = FakeSocket;
    connection = new GameConnection({ url: "ws://zone-one/game", onMessage: () => {}, onState: () => {}, onSessionStart: () => sessions++ });
    connection.start("privy-token");
    const first = FakeSocket.opened[0]!;
    first.open();
    first.receive([64, 1, "7"]);
    connection.send([7, 42]);
    first.receive([66, 1, 100, "first-token"]);
  });

  afterEach(() => {
    (globalThis as { WebSocket: unknown }).WebSocket = real;
  });

  it("resumes at the other zone with the token of the crossing", () => {
    const first = FakeSocket.opened[0]!;
    first.receive([74, 2, "ws://zone-two/game", "crossing-token"]);
    first.closeFromServer(4003, "Continue in zone 2.");

    const second = FakeSocket.opened[1]!;
    expect(second.url).toBe("ws://zone-two/game");
    second.open();
    expect(second.sent[0]).toEqual([1, 1, "privy-token", "crossing-token"]);
    second.receive([64, 1, "7"]);
    expect(sessions).toBe(1);
    expect(connection.currentUrl).toBe("ws://zone-two/game");
  });

  it("selects the same character again at a zone that sent it there at login", () => {
    const first = FakeSocket.opened[0]!;
    first.receive([74, 2, "ws://zone-two/game", null]);
    first.closeFromServer(4003, "Your character plays in zone 2.");

    const second = FakeSocket.opened[1]!;
    second.open();
    expect(second.sent[0]).toEqual([1, 1, "privy-token", null]);
    second.receive([64, 1, "7"]);
    expect(second.sent[1]).toEqual([7, 42]);
    expect(sessions, "no character list in between").toBe(1);
  });

  it("a 4003 without a zone change is final: the zone is not running", () => {
    FakeSocket.opened[0]!.closeFromServer(4003, "Zone 2 is not running; log in again later.");
    expect(FakeSocket.opened).toHaveLength(1);
  });
});
