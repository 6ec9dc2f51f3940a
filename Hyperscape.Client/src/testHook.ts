// A read-only window onto the client for the browser tests (and a curious player's console):
// where the page predicts and the server put the player, what is in view, what arrived.

import type { GameConnection } from "./net/connection";
import type { GameState } from "./game/gameState";
import type { WorldRenderer } from "./ui/worldRenderer";

export interface HyperscapeProbe {
  phase(): string;
  /** When the page first showed the world, in ms since navigation started (performance.now()). */
  inWorldAt(): number | null;
  networkId(): number;
  tick(): number;
  clockTick(): number;
  predictedTile(): { x: number; z: number } | null;
  serverTile(): { x: number; z: number } | null;
  drawnPosition(id: number): { x: number; z: number } | null;
  entities(): Array<{ id: number; kind: number; name: string; type: number; x: number; z: number; health: number; dead: boolean }>;
  inventory(): Array<{ item: number; quantity: number }>;
  skills(): Array<{ level: number; xpTenths: number }>;
  chat(): string[];
  splats(): number;
  xpDrops(): number;
  received(): { sync: number; events: number; corrections: number; agreements: number; splats: number; xpDrops: number };
  screenOf(x: number, z: number): { x: number; y: number };
  frameTimes(): number[];
  bytes(): { in: number; out: number };
  dropConnection(): void;
}

declare global {
  interface Window {
    hyperscape?: HyperscapeProbe;
  }
}

export function exposeForTests(state: GameState, renderer: WorldRenderer, connection: GameConnection): void {
  let inWorldAt: number | null = null;
  state.onChange(() => {
    if (inWorldAt === null && state.phase === "world") inWorldAt = performance.now();
  });
  window.hyperscape = {
    phase: () => state.phase,
    inWorldAt: () => inWorldAt,
    networkId: () => state.networkId,
    tick: () => state.tick,
    clockTick: () => state.clock.tickAt(performance.now()),
    // Fresh objects: Playwright sends an object seen twice in one result as a reference.
    predictedTile: () => copy(state.prediction.tileAfter(Math.floor(state.clock.tickAt(performance.now())))),
    serverTile: () => copy(state.prediction.serverTile),
    drawnPosition: (id) => {
      const view = state.entities.get(id);
      return copy((view && renderer.positionOf(view, performance.now())) ?? null);
    },
    entities: () =>
      [...state.entities.values()].map((view) => ({
        id: view.id,
        kind: view.kind,
        name: view.name,
        type: view.type,
        x: view.tile?.x ?? NaN,
        z: view.tile?.z ?? NaN,
        health: view.health,
        dead: view.dead,
      })),
    inventory: () => state.inventory.map((slot) => ({ ...slot })),
    skills: () => state.skills.map((skill) => ({ ...skill })),
    chat: () => state.chat.map((line) => (line.from ? `${line.from}: ${line.text}` : line.text)),
    splats: () => state.received.splats,
    xpDrops: () => state.received.xpDrops,
    received: () => ({ ...state.received }),
    screenOf: (x, z) => renderer.screenOf(x, z),
    frameTimes: () => [...renderer.frameTimes],
    bytes: () => ({ in: connection.bytesIn, out: connection.bytesOut }),
    dropConnection: () => connection.dropForTest(),
  };
}

function copy(tile: { x: number; z: number } | null): { x: number; z: number } | null {
  return tile ? { x: tile.x, z: tile.z } : null;
}
