import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { simulateWalk } from "../src/motion/walk";
import { Pathfinder } from "../src/world/pathfinder";
import { TileMap } from "../src/world/tileMap";

interface Fixture {
  width: number;
  height: number;
  blocked: Array<[number, number]>;
  walks: Array<{ start: [number, number]; goal: [number, number]; running: boolean; ticks: Array<[number, number]> }>;
}

// Recorded from the server's own simulation by Hyperscape.Tests (WalkFixtureTests).
const fixture = JSON.parse(readFileSync(new URL("./fixtures/walks.json", import.meta.url), "utf8")) as Fixture;

function fixtureMap(): TileMap {
  const map = new TileMap(fixture.width, fixture.height);
  for (const [x, z] of fixture.blocked) map.setBlocked(x, z);
  return map;
}

describe("the predicted walk", () => {
  const map = fixtureMap();
  const pathfinder = new Pathfinder(map);

  it.each(fixture.walks.map((walk, i) => [i, walk] as const))("walk %i is tile for tile the server's", (_, walk) => {
    const trail = simulateWalk(map, pathfinder, { x: walk.start[0], z: walk.start[1] }, { x: walk.goal[0], z: walk.goal[1] }, walk.running);
    const ticks = trail.length === 0 ? [] : trail.length === 1 ? [trail[0]!] : trail.slice(1);
    expect(ticks.map((t) => [t.x, t.z])).toEqual(walk.ticks);
  });

  it("covers long walks, running and refusals", () => {
    expect(fixture.walks.some((w) => w.ticks.length > 20)).toBe(true);
    expect(fixture.walks.some((w) => w.running)).toBe(true);
    expect(fixture.walks.some((w) => w.ticks.length === 0)).toBe(true);
  });

  it("never cuts a wall's corner", () => {
    const open = new TileMap(8, 8);
    open.setBlocked(4, 4);
    // A diagonal from (3, 3) to (5, 5) would cut past (4, 4) itself; (3,4)->(4,5) would cut its corner.
    const trail = simulateWalk(open, new Pathfinder(open), { x: 3, z: 3 }, { x: 5, z: 5 }, false);
    for (let i = 1; i < trail.length; i++) {
      const a = trail[i - 1]!;
      const b = trail[i]!;
      expect(Math.max(Math.abs(b.x - a.x), Math.abs(b.z - a.z))).toBeLessThanOrEqual(2);
    }
    expect(trail[trail.length - 1]).toEqual({ x: 5, z: 5 });
    expect(trail.some((t) => t.x === 4 && t.z === 4)).toBe(false);
  });

  it("walks 2 tiles a tick, runs 4", () => {
    const open = new TileMap(32, 32);
    const walk = simulateWalk(open, new Pathfinder(open), { x: 0, z: 0 }, { x: 12, z: 0 }, false);
    const run = simulateWalk(open, new Pathfinder(open), { x: 0, z: 0 }, { x: 12, z: 0 }, true);
    expect(walk.map((t) => t.x)).toEqual([0, 2, 4, 6, 8, 10, 12]);
    expect(run.map((t) => t.x)).toEqual([0, 4, 8, 12]);
  });
});
