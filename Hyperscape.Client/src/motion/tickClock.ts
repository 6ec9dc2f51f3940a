// Where the server's tick clock stands, in this page's time. A sync frame carrying tick t leaves
// the server just after tick t was computed; the earliest arrivals bound the clock's phase (later
// ones were delayed by the network or a busy frame), so the estimate follows the lowest
// observation and drifts up only slowly.

export class TickClock {
  private offset = Number.POSITIVE_INFINITY;
  private lastTick = -1;

  constructor(readonly tickMs: number) {}

  get started(): boolean {
    return Number.isFinite(this.offset);
  }

  /** A frame carrying <tick> arrived at <now> (ms). */
  observe(tick: number, now: number): void {
    const observed = now - tick * this.tickMs;
    if (!this.started || tick < this.lastTick || Math.abs(observed - this.offset) > 2 * this.tickMs) {
      // First frame, a restarted server or a long stall: start over from this one.
      this.offset = observed;
    } else {
      // Earlier arrivals pull the phase quickly, later ones slowly; either way a step moves what
      // is drawn by a fraction of the error, so walkers never visibly jump when it adjusts.
      this.offset += (observed - this.offset) * (observed < this.offset ? 0.25 : 0.02);
    }
    this.lastTick = Math.max(this.lastTick, tick);
  }

  /** The server tick at <now>, with its fraction: 12.5 is halfway from tick 12 to tick 13. */
  tickAt(now: number): number {
    return this.started ? (now - this.offset) / this.tickMs : this.lastTick;
  }

  /** When tick <tick> completes, in page time. */
  timeOf(tick: number): number {
    return this.offset + tick * this.tickMs;
  }
}
