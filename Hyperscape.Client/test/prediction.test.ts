import { describe, expect, it } from "vitest";
import { LocalPrediction } from "../src/motion/localPrediction";
import { Pathfinder } from "../src/world/pathfinder";
import { TileMap } from "../src/world/tileMap";

function predictor(): LocalPrediction {
  const map = new TileMap(32, 32);
  map.setBlocked(5, 0);
  map.setBlocked(5, 1);
  return new LocalPrediction(map, new Pathfinder(map));
}

describe("local prediction", () => {
  it("moves at once and agrees with the server while the server walks the same path", () => {
    const p = predictor();
    p.reconcile(10, { x: 0, z: 0 });
    const trail = p.walk({ x: 8, z: 0 }, 11, false);
    expect(trail.length).toBeGreaterThan(2);
    expect(p.tileAfter(10)).toEqual({ x: 0, z: 0 });
    expect(p.tileAfter(11)).toEqual(trail[1]);
    for (let k = 1; k < trail.length; k++) {
      expect(p.reconcile(10 + k, trail[k]!)).toBe("agreed");
    }
    expect(p.path).toEqual([]);
    expect(p.tileAfter(99)).toEqual({ x: 8, z: 0 });
  });

  it("shifts the walk in time when the server applied the move a tick later than estimated", () => {
    const p = predictor();
    p.reconcile(10, { x: 0, z: 0 });
    const trail = p.walk({ x: 0, z: 10 }, 11, false);
    expect(p.reconcile(11, { x: 0, z: 0 })).toBe("shifted");
    expect(p.reconcile(12, trail[1]!)).toBe("agreed");
    expect(p.tileAfter(13)).toEqual(trail[2]);
  });

  it("drops the prediction and follows the server when they disagree", () => {
    const p = predictor();
    p.reconcile(10, { x: 0, z: 0 });
    p.walk({ x: 0, z: 10 }, 11, false);
    expect(p.reconcile(11, { x: 20, z: 20 })).toBe("corrected");
    expect(p.tileAfter(15)).toEqual({ x: 20, z: 20 });
    expect(p.path).toEqual([]);
  });

  it("does not predict a walk the server would refuse", () => {
    const map = new TileMap(8, 8);
    for (const [x, z] of [[0, 1], [1, 1], [1, 0]] as const) map.setBlocked(x, z);
    const p = new LocalPrediction(map, new Pathfinder(map));
    p.reconcile(1, { x: 0, z: 0 });
    expect(p.walk({ x: 6, z: 6 }, 2, false)).toEqual([]);
    expect(p.tileAfter(5)).toEqual({ x: 0, z: 0 });
  });

  it("re-simulates the rest of the walk when running is toggled", () => {
    const p = predictor();
    p.reconcile(10, { x: 0, z: 10 });
    p.walk({ x: 20, z: 10 }, 11, false);
    expect(p.tileAfter(12)).toEqual({ x: 4, z: 10 });
    p.setRunning(true, 13);
    expect(p.tileAfter(13)).toEqual({ x: 8, z: 10 });
    expect(p.tileAfter(14)).toEqual({ x: 12, z: 10 });
  });
});
