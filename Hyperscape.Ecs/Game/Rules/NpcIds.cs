namespace Hyperscape.Ecs.Game.Rules;

/// <summary>Ids of the default world's NPC types (<see cref="NpcCatalog.Standard"/>), in <c>npcs.json</c> order.</summary>
public static class NpcIds
{
    /// <summary>Chicken.</summary>
    public const int Chicken = 1;

    /// <summary>Goblin (aggressive).</summary>
    public const int Goblin = 2;

    /// <summary>Cow.</summary>
    public const int Cow = 3;

    /// <summary>Giant rat (aggressive).</summary>
    public const int GiantRat = 4;

    /// <summary>Guard.</summary>
    public const int Guard = 5;

    /// <summary>Hill giant (aggressive).</summary>
    public const int HillGiant = 6;
}
