// The server's pathfinder (Hyperscape.Ecs Pathfinder), step for step: A* over 8 directions with
// costs 2 and 3, an octile heuristic, and one total order on the open set (priority, then the
// deeper tile, then the index), so the client finds the very path the server will walk.

import type { Tile, TileMap } from "./tileMap";

export const MaxDistance = 200;
export const MaxWaypoints = 16;
const Side = 2 * MaxDistance + 1;
const CardinalCost = 2;
const DiagonalCost = 3;
const KeyMask = (1 << 20) - 1;
const Shift20 = 2 ** 20;
const Shift40 = 2 ** 40;
const StepX = [0, 1, 1, 1, 0, -1, -1, -1] as const;
const StepZ = [1, 1, 0, -1, -1, -1, 0, 1] as const;

export type PathOutcome = "found" | "closest" | "refused";

export interface PathResult {
  outcome: PathOutcome;
  /** The tiles where the walk turns, and its end: at most MaxWaypoints. */
  waypoints: Tile[];
  end: Tile;
  truncated: boolean;
}

export class Pathfinder {
  private readonly seen = new Int32Array(Side * Side);
  private readonly closed = new Int32Array(Side * Side);
  private readonly cost = new Int32Array(Side * Side);
  private readonly cameBy = new Uint8Array(Side * Side);
  private heap = new Float64Array(1024);
  private heapCount = 0;
  private generation = 0;

  constructor(
    private readonly map: TileMap,
    private readonly maxExpansions = 8192,
  ) {}

  find(start: Tile, goal: Tile, maxWaypoints = MaxWaypoints): PathResult {
    const refused: PathResult = { outcome: "refused", waypoints: [], end: start, truncated: false };
    if (chebyshev(start, goal) > MaxDistance || !this.map.contains(goal.x, goal.z) || !this.map.contains(start.x, start.z)) {
      return refused;
    }
    if (!this.map.isWalkable(goal.x, goal.z)) {
      const stand = this.nearestWalkable(goal);
      if (!stand || chebyshev(stand, start) > MaxDistance) return refused;
      const toStand = this.find(start, stand, maxWaypoints);
      return toStand.outcome === "found" ? { ...toStand, outcome: "closest" } : toStand;
    }
    if (start.x === goal.x && start.z === goal.z) {
      return { outcome: "found", waypoints: [], end: start, truncated: false };
    }

    this.nextGeneration();
    const originX = start.x - MaxDistance;
    const originZ = start.z - MaxDistance;
    const startIndex = index(start.x - originX, start.z - originZ);
    this.open(startIndex, 0, 0, heuristic(start.x, start.z, goal));
    let best = startIndex;
    let bestDistance = squared(start.x, start.z, goal);
    let expansions = 0;
    let found = false;
    while (this.heapCount > 0 && expansions < this.maxExpansions) {
      const at = this.pop();
      if (this.closed[at] === this.generation) continue;
      this.closed[at] = this.generation;
      expansions++;
      const x = (at % Side) + originX;
      const z = Math.floor(at / Side) + originZ;
      if (x === goal.x && z === goal.z) {
        best = at;
        found = true;
        break;
      }
      const distance = squared(x, z, goal);
      if (distance < bestDistance || (distance === bestDistance && this.cost[at]! < this.cost[best]!)) {
        best = at;
        bestDistance = distance;
      }
      for (let direction = 0; direction < 8; direction++) {
        const dx = StepX[direction]!;
        const dz = StepZ[direction]!;
        const cost = this.cost[at]! + (dx !== 0 && dz !== 0 ? DiagonalCost : CardinalCost);
        const nx = x + dx - originX;
        const nz = z + dz - originZ;
        if (nx < 0 || nz < 0 || nx >= Side || nz >= Side) continue;
        const next = index(nx, nz);
        if (this.closed[next] === this.generation || (this.seen[next] === this.generation && this.cost[next]! <= cost) || !this.map.canStep(x, z, dx, dz)) {
          continue;
        }
        this.open(next, cost, direction, cost + heuristic(x + dx, z + dz, goal));
      }
    }
    if (best === startIndex) return refused;
    const { waypoints, end, truncated } = this.trace(best, startIndex, originX, originZ, maxWaypoints);
    return { outcome: found ? "found" : "closest", waypoints, end, truncated };
  }

  private trace(endIndex: number, startIndex: number, originX: number, originZ: number, maxWaypoints: number) {
    const trail: number[] = [];
    for (let at = endIndex; at !== startIndex; ) {
      trail.push(at);
      const direction = this.cameBy[at]!;
      const x = (at % Side) - StepX[direction]!;
      const z = Math.floor(at / Side) - StepZ[direction]!;
      at = index(x, z);
    }
    const tileOf = (at: number): Tile => ({ x: (at % Side) + originX, z: Math.floor(at / Side) + originZ });
    const end = tileOf(trail[0]!);
    const waypoints: Tile[] = [];
    for (let i = trail.length - 1; i >= 0; i--) {
      if (i !== 0 && this.cameBy[trail[i]!] === this.cameBy[trail[i - 1]!]) continue;
      if (waypoints.length === maxWaypoints) return { waypoints, end, truncated: true };
      waypoints.push(tileOf(trail[i]!));
    }
    return { waypoints, end, truncated: false };
  }

  private nearestWalkable(blocked: Tile): Tile | null {
    for (let ring = 1; ring <= 8; ring++) {
      let best: Tile | null = null;
      let bestDistance = Number.MAX_SAFE_INTEGER;
      for (let dz = -ring; dz <= ring; dz++) {
        for (let dx = -ring; dx <= ring; dx++) {
          const x = blocked.x + dx;
          const z = blocked.z + dz;
          if (Math.max(Math.abs(dx), Math.abs(dz)) !== ring || !this.map.isWalkable(x, z)) continue;
          const distance = squared(x, z, blocked);
          if (distance < bestDistance) {
            best = { x, z };
            bestDistance = distance;
          }
        }
      }
      if (best) return best;
    }
    return null;
  }

  private open(at: number, cost: number, direction: number, priority: number): void {
    this.seen[at] = this.generation;
    this.cost[at] = cost;
    this.cameBy[at] = direction;
    this.push(priority * Shift40 + (KeyMask - cost) * Shift20 + at);
  }

  private nextGeneration(): void {
    this.heapCount = 0;
    this.generation++;
  }

  private push(item: number): void {
    if (this.heapCount === this.heap.length) {
      const bigger = new Float64Array(this.heap.length * 2);
      bigger.set(this.heap);
      this.heap = bigger;
    }
    let i = this.heapCount++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.heap[parent]! <= item) break;
      this.heap[i] = this.heap[parent]!;
      i = parent;
    }
    this.heap[i] = item;
  }

  private pop(): number {
    const top = this.heap[0]!;
    const last = this.heap[--this.heapCount]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.heapCount) break;
      if (child + 1 < this.heapCount && this.heap[child + 1]! < this.heap[child]!) child++;
      if (this.heap[child]! >= last) break;
      this.heap[i] = this.heap[child]!;
      i = child;
    }
    if (this.heapCount > 0) this.heap[i] = last;
    return top % Shift20;
  }
}

function index(x: number, z: number): number {
  return z * Side + x;
}

function heuristic(x: number, z: number, goal: Tile): number {
  const dx = Math.abs(goal.x - x);
  const dz = Math.abs(goal.z - z);
  return 2 * Math.max(dx, dz) + Math.min(dx, dz);
}

function squared(x: number, z: number, goal: Tile): number {
  const dx = x - goal.x;
  const dz = z - goal.z;
  return dx * dx + dz * dz;
}

export function chebyshev(a: Tile, b: Tile): number {
  return Math.max(Math.abs(a.x - b.x), Math.abs(a.z - b.z));
}
