// The server's walk (MovementSystem), simulated: each tick a walker takes 2 steps (4 running)
// toward its next waypoint, one tile at a time, never cutting a corner; a path longer than the
// waypoint buffer is found again from where the buffer ran out.

import { Pathfinder } from "../world/pathfinder";
import type { Tile, TileMap } from "../world/tileMap";

export const WalkSteps = 2;
export const RunSteps = 4;

/**
 * The tiles the server will put a walker on, tick by tick, for a Move to <goal> applied at the
 * tick that starts at <start>: element 0 is <start>, element k the tile after k ticks; the last
 * element is where the walk ends. Empty when the server will refuse the move.
 */
export function simulateWalk(map: TileMap, pathfinder: Pathfinder, start: Tile, goal: Tile, running: boolean, maxTicks = 200): Tile[] {
  const first = pathfinder.find(start, goal);
  if (first.outcome === "refused") return [];
  let waypoints = first.waypoints;
  let destination = first.end;
  let active = waypoints.length > 0;
  let next = 0;
  let tile = start;
  const trail: Tile[] = [start];
  const steps = running ? RunSteps : WalkSteps;

  const nextOnPath = (): Tile | null => {
    for (;;) {
      if (!active) return null;
      while (next < waypoints.length && sameTile(waypoints[next]!, tile)) next++;
      if (next >= waypoints.length) {
        if (!sameTile(tile, destination)) {
          const again = pathfinder.find(tile, destination);
          if (again.outcome !== "refused" && again.waypoints.length > 0) {
            waypoints = again.waypoints;
            destination = again.end;
            next = 0;
            continue;
          }
        }
        active = false;
        return null;
      }
      const waypoint = waypoints[next]!;
      const dx = Math.sign(waypoint.x - tile.x);
      const dz = Math.sign(waypoint.z - tile.z);
      if (!map.canStep(tile.x, tile.z, dx, dz)) {
        active = false;
        return null;
      }
      return { x: tile.x + dx, z: tile.z + dz };
    }
  };

  for (let t = 0; t < maxTicks && active; t++) {
    for (let s = 0; s < steps; s++) {
      const step = nextOnPath();
      if (!step) break;
      tile = step;
    }
    if (active && sameTile(tile, destination)) active = false;
    trail.push(tile);
  }
  return trail;
}

export function sameTile(a: Tile, b: Tile): boolean {
  return a.x === b.x && a.z === b.z;
}
