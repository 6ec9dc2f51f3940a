namespace Hyperscape.Ecs.Game.Rules;

/// <summary>The OSRS combat level formula.</summary>
public static class CombatLevel
{
    /// <summary>
    /// <c>floor(0.25 * (defence + hitpoints + floor(prayer / 2)) + max(melee, range, magic))</c> with
    /// melee <c>0.325 * (attack + strength)</c>, range <c>0.325 * floor(1.5 * ranged)</c> and magic
    /// <c>0.325 * floor(1.5 * magic)</c>.
    /// </summary>
    public static int Compute(int attack, int strength, int defence, int constitution, int ranged, int magic, int prayer)
    {
        // Work in thousandths so the result is exact: 0.25 = 250/1000, 0.325 = 325/1000.
        var baseTerm = 250L * (defence + constitution + (prayer / 2));
        var melee = 325L * (attack + strength);
        var range = 325L * (ranged * 3 / 2);
        var mage = 325L * (magic * 3 / 2);
        return (int)((baseTerm + Math.Max(melee, Math.Max(range, mage))) / 1000);
    }
}
