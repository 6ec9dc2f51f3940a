// The OSRS experience table, the server's XpTable: level L needs
// floor(sum over l < L of floor(l + 300 × 2^(l / 7)) / 4) XP.

export const MaxLevel = 99;

const thresholds: number[] = (() => {
  const table = [0, 0];
  let points = 0;
  for (let level = 1; level < MaxLevel; level++) {
    points += Math.floor(level + 300 * 2 ** (level / 7));
    table.push(Math.floor(points / 4));
  }
  return table;
})();

/** The XP a level starts at. */
export function xpForLevel(level: number): number {
  if (level < 1 || level > MaxLevel) throw new RangeError(`level ${level} is outside 1..${MaxLevel}`);
  return thresholds[level]!;
}

/** XP still needed for the next level, or 0 at the top. */
export function xpToNextLevel(level: number, xp: number): number {
  return level >= MaxLevel ? 0 : Math.max(0, xpForLevel(level + 1) - xp);
}
