import { describe, expect, it } from "vitest";
import { StatsSeries, type StatsSnapshot } from "../src/dashboard/statsSeries";

const snapshot = (overrides: Partial<StatsSnapshot>): StatsSnapshot => ({
  tick: 1,
  online: 3,
  connections: 4,
  entities: 10,
  tickP50Ms: 1,
  tickP99Ms: 2,
  frameP50Ms: 0.5,
  frameP99Ms: 0.9,
  bytesIn: 0,
  bytesOut: 0,
  rejected: 0,
  dropped: 0,
  pendingSaves: 0,
  managedBytes: 1048576,
  workingSetBytes: 2 * 1048576,
  ...overrides,
});

describe("the dashboard's series", () => {
  it("turns cumulative counters into rates per second", () => {
    const series = new StatsSeries();
    series.add(100, snapshot({ bytesOut: 1000, rejected: 2 }));
    series.add(102, snapshot({ bytesOut: 5000, rejected: 6 }));
    expect(series.values.bytesOutPerSecond).toEqual([null, 2000]);
    expect(series.values.rejectedPerSecond).toEqual([null, 2]);
    expect(series.values.workingSetMiB).toEqual([2, 2]);
  });

  it("shows no rate across a server restart (counters went back)", () => {
    const series = new StatsSeries();
    series.add(1, snapshot({ bytesIn: 9000 }));
    series.add(2, snapshot({ bytesIn: 10 }));
    expect(series.values.bytesInPerSecond).toEqual([null, null]);
  });

  it("keeps only its capacity", () => {
    const series = new StatsSeries(3);
    for (let i = 0; i < 5; i++) series.add(i, snapshot({ online: i }));
    expect(series.times).toEqual([2, 3, 4]);
    expect(series.values.online).toEqual([2, 3, 4]);
  });
});
