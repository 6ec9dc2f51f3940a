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

    /// <summary>Shopkeeper (the general store).</summary>
    public const int Shopkeeper = 7;

    /// <summary>Fishing tutor (fishing supplies).</summary>
    public const int FishingTutor = 8;

    /// <summary>Tool merchant (axes and pickaxes).</summary>
    public const int ToolMerchant = 9;

    /// <summary>Barbarian.</summary>
    public const int Barbarian = 10;

    /// <summary>Moss giant.</summary>
    public const int MossGiant = 11;

    /// <summary>Smith (smithing supplies).</summary>
    public const int Smith = 12;

    /// <summary>Crafter (crafting store).</summary>
    public const int Crafter = 13;

    /// <summary>Fletcher (fletching supplies).</summary>
    public const int Fletcher = 14;

    /// <summary>Wizard (magic store).</summary>
    public const int Wizard = 15;

    /// <summary>Dark wizard (casts spells from afar).</summary>
    public const int DarkWizard = 16;
}
