// The local player walks as soon as the player clicks: the client runs the server's own
// pathfinder and walk, tick by tick, and shows that walk at once. Server positions then confirm
// it (nothing visible happens) or correct it (the shown position eases onto the server's).

import type { Pathfinder } from "../world/pathfinder";
import type { Tile, TileMap } from "../world/tileMap";
import { sameTile, simulateWalk } from "./walk";

interface Plan {
  /** The tick whose processing applies the Move: trail[k] is the tile after tick firstTick + k - 1. */
  firstTick: number;
  trail: Tile[];
}

export type Reconciliation = "agreed" | "shifted" | "corrected" | "none";

export class LocalPrediction {
  private server: { tick: number; tile: Tile } | null = null;
  private plan: Plan | null = null;

  constructor(
    private readonly map: TileMap,
    private readonly pathfinder: Pathfinder,
  ) {}

  /** The last position the server confirmed. */
  get serverTile(): Tile | null {
    return this.server?.tile ?? null;
  }

  /** The tiles of the walk in progress, from where it started, for drawing the path. */
  get path(): readonly Tile[] {
    return this.plan?.trail ?? [];
  }

  /** Where the player stands after tick <tick>, as predicted. */
  tileAfter(tick: number): Tile | null {
    const plan = this.plan;
    if (plan && tick >= plan.firstTick - 1) {
      const k = Math.min(tick - plan.firstTick + 1, plan.trail.length - 1);
      return plan.trail[k]!;
    }
    return this.server?.tile ?? null;
  }

  /**
   * The player clicked <goal>; the server will apply the Move at <applyTick>. Returns the
   * predicted walk (empty when the server would refuse it, in which case nothing moves).
   */
  walk(goal: Tile, applyTick: number, running: boolean): readonly Tile[] {
    const start = this.tileAfter(applyTick - 1);
    if (!start) return [];
    const trail = simulateWalk(this.map, this.pathfinder, start, goal, running);
    if (trail.length === 0) return [];
    this.plan = { firstTick: applyTick, trail };
    return trail;
  }

  /** Running was toggled: the rest of the walk is simulated again at the new pace. */
  setRunning(running: boolean, fromTick: number): void {
    const plan = this.plan;
    if (!plan) return;
    const goal = plan.trail[plan.trail.length - 1]!;
    const start = this.tileAfter(fromTick - 1);
    if (!start) return;
    const trail = simulateWalk(this.map, this.pathfinder, start, goal, running);
    if (trail.length > 0) this.plan = { firstTick: fromTick, trail };
  }

  /** Forget the walk: the player did something that stops walking (attacking, dying). */
  cancel(): void {
    this.plan = null;
  }

  /** The server placed the player on <tile> after tick <tick>. */
  reconcile(tick: number, tile: Tile): Reconciliation {
    this.server = { tick, tile };
    const plan = this.plan;
    if (!plan) return "none";
    const predicted = this.tileAfter(tick);
    if (predicted && sameTile(predicted, tile)) {
      if (sameTile(tile, plan.trail[plan.trail.length - 1]!)) this.plan = null;
      return "agreed";
    }

    // The Move reached the server a tick or two later (or earlier) than estimated: the same
    // walk, shifted in time, still agrees with the server.
    const index = plan.trail.findIndex((t, i) => i > 0 && sameTile(t, tile));
    if (index > 0) {
      plan.firstTick = tick - index + 1;
      return "shifted";
    }
    if (sameTile(tile, plan.trail[0]!) && tick < plan.firstTick + 2) {
      // Not applied yet: the server has not processed the Move.
      plan.firstTick = Math.max(plan.firstTick, tick + 1);
      return "shifted";
    }
    this.plan = null;
    return "corrected";
  }
}
