namespace Hyperscape.Ecs.Game.Rules;

/// <summary>Constants of NPC behaviour.</summary>
public static class NpcRules
{
    /// <summary>Aggressive NPCs notice players within this many tiles (Chebyshev distance).</summary>
    public const int AggroRange = 4;

    /// <summary>An NPC gives up a chase farther than this from its spawn point.</summary>
    public const int LeashRange = 42;

    /// <summary>Ticks from death to respawn.</summary>
    public const int RespawnTicks = 25;

    /// <summary>An NPC of combat level L ignores players above <c>L * this</c>.</summary>
    public const int AggroLevelFactor = 2;

    /// <summary>Idle NPCs wander at most this far from their spawn point.</summary>
    public const int WanderRange = 5;

    /// <summary>One idle tick in this many, an NPC takes a wandering step.</summary>
    public const int WanderChance = 8;

    /// <summary>True when an NPC of <paramref name="npcLevel"/> may pick a fight with a player of <paramref name="playerLevel"/>.</summary>
    public static bool WillAggro(int npcLevel, int playerLevel) => playerLevel <= npcLevel * AggroLevelFactor;
}
