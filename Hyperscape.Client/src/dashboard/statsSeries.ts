// Turns successive /stats snapshots into the series the dashboard plots: percentiles as they
// are, cumulative counters (bytes, rejections, drops) as rates per second.

export interface StatsSnapshot {
  tick: number;
  online: number;
  connections: number;
  entities: number;
  tickP50Ms: number;
  tickP99Ms: number;
  frameP50Ms: number;
  frameP99Ms: number;
  bytesIn: number;
  bytesOut: number;
  rejected: number;
  dropped: number;
  pendingSaves: number;
  managedBytes: number;
  workingSetBytes: number;
  gcPauseP99Ms?: number;
}

export const SeriesNames = [
  "tickP50",
  "tickP99",
  "frameP50",
  "frameP99",
  "online",
  "connections",
  "bytesInPerSecond",
  "bytesOutPerSecond",
  "pendingSaves",
  "rejectedPerSecond",
  "droppedPerSecond",
  "workingSetMiB",
  "managedMiB",
] as const;

export type SeriesName = (typeof SeriesNames)[number];

export class StatsSeries {
  readonly times: number[] = [];
  readonly values: Record<SeriesName, Array<number | null>>;
  private previous: { at: number; stats: StatsSnapshot } | null = null;

  constructor(private readonly capacity = 600) {
    this.values = Object.fromEntries(SeriesNames.map((name) => [name, []])) as unknown as Record<SeriesName, Array<number | null>>;
  }

  /** Adds a snapshot taken at <at> (seconds). */
  add(at: number, stats: StatsSnapshot): void {
    const previous = this.previous;
    const seconds = previous ? at - previous.at : 0;
    const rate = (now: number, before: number | undefined): number | null =>
      previous && seconds > 0 && before !== undefined && now >= before ? (now - before) / seconds : null;
    const point: Record<SeriesName, number | null> = {
      tickP50: stats.tickP50Ms,
      tickP99: stats.tickP99Ms,
      frameP50: stats.frameP50Ms,
      frameP99: stats.frameP99Ms,
      online: stats.online,
      connections: stats.connections,
      bytesInPerSecond: rate(stats.bytesIn, previous?.stats.bytesIn),
      bytesOutPerSecond: rate(stats.bytesOut, previous?.stats.bytesOut),
      pendingSaves: stats.pendingSaves,
      rejectedPerSecond: rate(stats.rejected, previous?.stats.rejected),
      droppedPerSecond: rate(stats.dropped, previous?.stats.dropped),
      workingSetMiB: stats.workingSetBytes / 1048576,
      managedMiB: stats.managedBytes / 1048576,
    };
    this.times.push(at);
    for (const name of SeriesNames) this.values[name].push(point[name]);
    if (this.times.length > this.capacity) {
      this.times.shift();
      for (const name of SeriesNames) this.values[name].shift();
    }
    this.previous = { at, stats };
  }
}
