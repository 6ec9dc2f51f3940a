// Where another entity is actually drawn. Interpolation gives a target that normally moves at the
// entity's own pace, but a frame that arrives after its moment has been drawn (a stalled server,
// a busy page, a tick clock that re-synchronises) would move the target a whole tick at once. The
// drawn position follows the target at a capped speed instead, so a late frame makes a walker
// hurry for a moment rather than jump; only teleports (respawns) jump.

import { TeleportTiles } from "./interpolation";

/** How much faster than the entity's own pace the drawn position may catch up. */
export const CatchUpFactor = 1.75;

/** The pace assumed for an entity standing still: a walk, 2 tiles a tick. */
export const WalkTilesPerTick = 2;

export class DrawnMotion {
  private x = 0;
  private z = 0;
  private at = Number.NaN;

  /**
   * Moves toward <target> for the time since the last call and returns where to draw at <now>
   * (ms); <pace> is the entity's own speed in tiles per tick.
   */
  follow(target: { x: number; z: number }, pace: number, now: number, tickMs: number): { x: number; z: number } {
    const dx = target.x - this.x;
    const dz = target.z - this.z;
    const distance = Math.max(Math.abs(dx), Math.abs(dz));
    if (Number.isNaN(this.at) || distance > TeleportTiles) {
      this.x = target.x;
      this.z = target.z;
    } else if (now > this.at) {
      const reach = (CatchUpFactor * Math.max(pace, WalkTilesPerTick) * (now - this.at)) / tickMs;
      const f = distance <= reach ? 1 : reach / distance;
      this.x += dx * f;
      this.z += dz * f;
    }
    if (!(now < this.at)) this.at = now;
    return { x: this.x, z: this.z };
  }
}
