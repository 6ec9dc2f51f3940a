import { describe, expect, it } from "vitest";
import { xpForLevel, xpToNextLevel } from "../src/world/xpTable";

describe("the XP table", () => {
  it("matches OSRS at known levels", () => {
    expect(xpForLevel(1)).toBe(0);
    expect(xpForLevel(2)).toBe(83);
    expect(xpForLevel(10)).toBe(1154);
    expect(xpForLevel(50)).toBe(101333);
    expect(xpForLevel(92)).toBe(6517253);
    expect(xpForLevel(99)).toBe(13034431);
  });

  it("tells the XP still needed", () => {
    expect(xpToNextLevel(1, 0)).toBe(83);
    expect(xpToNextLevel(1, 80)).toBe(3);
    expect(xpToNextLevel(99, 20_000_000)).toBe(0);
  });
});
