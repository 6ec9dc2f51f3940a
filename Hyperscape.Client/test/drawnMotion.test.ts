import { describe, expect, it } from "vitest";
import { CatchUpFactor, DrawnMotion } from "../src/motion/drawnMotion";
import { PositionHistory } from "../src/motion/interpolation";

const TickMs = 600;

describe("the drawn position of another entity", () => {
  it("follows a target that moves at the entity's pace exactly", () => {
    const history = new PositionHistory();
    history.add(10, 0, 0);
    history.add(11, 2, 0);
    history.add(12, 4, 0);
    const drawn = new DrawnMotion();
    for (let ms = 0; ms <= 2 * TickMs; ms += 16) {
      const tick = 10 + ms / TickMs;
      const target = history.at(tick)!;
      expect(drawn.follow(target, history.paceAt(tick), ms, TickMs)).toEqual(target);
    }
  });

  it("hurries after a late frame instead of jumping a whole tick", () => {
    const drawn = new DrawnMotion();
    drawn.follow({ x: 128, z: 128 }, 0, 0, TickMs);
    // The frame that started the walk arrived after its moment: the target is already 2 tiles on.
    const after150 = drawn.follow({ x: 130, z: 130 }, 2, 150, TickMs);
    const allowed = (CatchUpFactor * 2 * 150) / TickMs;
    expect(after150.x - 128).toBeCloseTo(allowed, 9);
    expect(after150.z - 128).toBeCloseTo(allowed, 9);
    expect(allowed).toBeLessThan(1);
    // It catches up within about a tick and then stays on the target.
    const later = drawn.follow({ x: 130, z: 130 }, 0, 150 + TickMs, TickMs);
    expect(later).toEqual({ x: 130, z: 130 });
  });

  it("keeps up with a runner's 4 tiles a tick", () => {
    const drawn = new DrawnMotion();
    drawn.follow({ x: 0, z: 0 }, 4, 0, TickMs);
    for (let ms = 16, x = 0; ms <= TickMs; ms += 16) {
      x = (4 * ms) / TickMs;
      expect(drawn.follow({ x, z: 0 }, 4, ms, TickMs).x).toBeCloseTo(x, 9);
    }
  });

  it("jumps on a teleport", () => {
    const drawn = new DrawnMotion();
    drawn.follow({ x: 100, z: 100 }, 0, 0, TickMs);
    expect(drawn.follow({ x: 10, z: 10 }, 0, 16, TickMs)).toEqual({ x: 10, z: 10 });
  });

  it("answers the same for calls at the same moment", () => {
    const drawn = new DrawnMotion();
    drawn.follow({ x: 0, z: 0 }, 0, 0, TickMs);
    const first = drawn.follow({ x: 5, z: 0 }, 2, 100, TickMs);
    expect(drawn.follow({ x: 5, z: 0 }, 2, 100, TickMs)).toEqual(first);
  });
});
