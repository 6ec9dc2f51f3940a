// Other entities are drawn a little in the past, between two positions the server sent. Their
// positions change once a tick (600 ms) by up to 2 tiles (4 running), so the drawing lags by a
// whole tick plus the network's interpolation delay: with only the delay (100 ms), a walker would
// dash each tile in 100 ms and stand still for the other 500.

export interface Sample {
  /** The tick after which the entity stood here. */
  tick: number;
  x: number;
  z: number;
}

export const InterpolationDelayMs = 100;

/** Beyond this many tiles in one tick a change is a teleport (respawn), drawn as a jump. */
export const TeleportTiles = 6;

export class PositionHistory {
  private readonly samples: Sample[] = [];

  get latest(): Sample | undefined {
    return this.samples[this.samples.length - 1];
  }

  /** The server says the entity stood at (x, z) after <tick>. */
  add(tick: number, x: number, z: number): void {
    const last = this.latest;
    if (last && tick <= last.tick) {
      // A later frame of the same tick (or a resync): the newest value wins.
      last.x = x;
      last.z = z;
      return;
    }

    // Updates come only on change: an entity with no update since tick t0 stood still until the
    // tick before this one, so it walks from there, not slowly all the way from t0.
    if (last && tick - last.tick > 1) {
      this.samples.push({ tick: tick - 1, x: last.x, z: last.z });
    }
    this.samples.push({ tick, x, z });
    if (this.samples.length > 16) this.samples.splice(0, this.samples.length - 16);
  }

  /** The entity's speed at server tick <tick>, in tiles per tick: 0 standing still. */
  paceAt(tick: number): number {
    const samples = this.samples;
    for (let i = 1; i < samples.length; i++) {
      const b = samples[i]!;
      if (tick <= b.tick) {
        const a = samples[i - 1]!;
        return tick <= a.tick ? 0 : Math.max(Math.abs(b.x - a.x), Math.abs(b.z - a.z)) / (b.tick - a.tick);
      }
    }
    return 0;
  }

  /** Where to draw the entity at server tick <tick> (fractional). */
  at(tick: number): { x: number; z: number } | undefined {
    const samples = this.samples;
    if (samples.length === 0) return undefined;
    const first = samples[0]!;
    if (tick <= first.tick) return { x: first.x, z: first.z };
    for (let i = 1; i < samples.length; i++) {
      const b = samples[i]!;
      if (tick <= b.tick) {
        const a = samples[i - 1]!;
        if (Math.max(Math.abs(b.x - a.x), Math.abs(b.z - a.z)) > TeleportTiles * (b.tick - a.tick)) {
          return tick < b.tick ? { x: a.x, z: a.z } : { x: b.x, z: b.z };
        }
        const f = (tick - a.tick) / (b.tick - a.tick);
        return { x: a.x + (b.x - a.x) * f, z: a.z + (b.z - a.z) * f };
      }
    }
    const last = samples[samples.length - 1]!;
    return { x: last.x, z: last.z };
  }
}

/** The (fractional) server tick remote entities are drawn at, for the tick the clock shows now. */
export function remoteRenderTick(clockTick: number, tickMs: number): number {
  return clockTick - 1 - InterpolationDelayMs / tickMs;
}
