import { describe, expect, it } from "vitest";
import { InterpolationDelayMs, PositionHistory, remoteRenderTick } from "../src/motion/interpolation";
import { TickClock } from "../src/motion/tickClock";

describe("interpolation of other entities", () => {
  it("glides between tick positions instead of dashing and stopping", () => {
    const history = new PositionHistory();
    history.add(10, 0, 0);
    history.add(11, 2, 0);
    history.add(12, 4, 0);
    expect(history.at(10.5)).toEqual({ x: 1, z: 0 });
    expect(history.at(11.25)).toEqual({ x: 2.5, z: 0 });
    // Sampled every 16 ms over a tick, no step is larger than the tick's 2 tiles spread evenly.
    let previous = history.at(10)!;
    for (let t = 10; t <= 12; t += 16 / 600) {
      const at = history.at(t)!;
      expect(Math.abs(at.x - previous.x)).toBeLessThan(0.06);
      previous = at;
    }
  });

  it("starts a walk from the tick before the first update, not from the last one heard", () => {
    const history = new PositionHistory();
    history.add(10, 5, 5);
    history.add(20, 7, 5);
    expect(history.at(15)).toEqual({ x: 5, z: 5 });
    expect(history.at(19.5)).toEqual({ x: 6, z: 5 });
  });

  it("jumps on a teleport (a respawn) instead of sliding across the map", () => {
    const history = new PositionHistory();
    history.add(10, 100, 100);
    history.add(11, 10, 10);
    expect(history.at(10.5)).toEqual({ x: 100, z: 100 });
    expect(history.at(11)).toEqual({ x: 10, z: 10 });
  });

  it("keeps the newest value when a tick is sent twice", () => {
    const history = new PositionHistory();
    history.add(10, 1, 1);
    history.add(10, 2, 2);
    expect(history.at(10)).toEqual({ x: 2, z: 2 });
  });

  it("draws one tick plus the interpolation delay behind the clock", () => {
    expect(remoteRenderTick(20, 600)).toBeCloseTo(20 - 1 - InterpolationDelayMs / 600);
  });
});

describe("the tick clock", () => {
  it("follows the earliest arrivals and tells the tick and its fraction", () => {
    const clock = new TickClock(600);
    clock.observe(100, 60_030);
    clock.observe(101, 60_640); // delayed by 10 ms more: does not move the phase back
    expect(clock.tickAt(60_030)).toBeCloseTo(100);
    expect(clock.tickAt(60_330)).toBeCloseTo(100.5);
    clock.observe(102, 61_220); // 20 ms earlier than expected: the phase follows quickly, in steps
    expect(clock.timeOf(102)).toBeCloseTo(61_200 + 30.2 - 10.2 * 0.25, 5);
    for (let tick = 103; tick < 120; tick++) clock.observe(tick, 61_220 + (tick - 102) * 600);
    expect(clock.timeOf(120)).toBeCloseTo(61_220 + 18 * 600, 0);
  });

  it("starts over after a stall longer than two ticks", () => {
    const clock = new TickClock(600);
    clock.observe(10, 6_000);
    clock.observe(11, 9_000);
    expect(clock.timeOf(11)).toBe(9_000);
  });
});
