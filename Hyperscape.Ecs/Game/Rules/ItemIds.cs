namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// Ids of the default world's items (<see cref="ItemCatalog.Standard"/>), for code and tests that name
/// them: a fresh id registry numbers <c>items.json</c> in file order, so these stay true.
/// </summary>
public static class ItemIds
{
    /// <summary>Coins.</summary>
    public const int Coins = 1;

    /// <summary>Bronze sword.</summary>
    public const int BronzeSword = 2;

    /// <summary>Iron sword.</summary>
    public const int IronSword = 3;

    /// <summary>Steel longsword.</summary>
    public const int SteelLongsword = 4;

    /// <summary>Bronze two-handed sword.</summary>
    public const int Bronze2hSword = 5;

    /// <summary>Wooden shield.</summary>
    public const int WoodenShield = 6;

    /// <summary>Bronze full helm.</summary>
    public const int BronzeFullHelm = 7;

    /// <summary>Bronze platebody.</summary>
    public const int BronzePlatebody = 8;

    /// <summary>Bronze platelegs.</summary>
    public const int BronzePlatelegs = 9;

    /// <summary>Leather gloves.</summary>
    public const int LeatherGloves = 10;

    /// <summary>Leather boots.</summary>
    public const int LeatherBoots = 11;

    /// <summary>Red cape.</summary>
    public const int RedCape = 12;

    /// <summary>Amulet of strength.</summary>
    public const int AmuletOfStrength = 13;

    /// <summary>Gold ring.</summary>
    public const int GoldRing = 14;

    /// <summary>Bronze arrows.</summary>
    public const int BronzeArrow = 15;

    /// <summary>Shrimps.</summary>
    public const int Shrimps = 16;

    /// <summary>Lobster.</summary>
    public const int Lobster = 17;

    /// <summary>Bones.</summary>
    public const int Bones = 18;

    /// <summary>Logs.</summary>
    public const int Logs = 19;

    /// <summary>Raw beef.</summary>
    public const int RawBeef = 20;

    /// <summary>Cowhide.</summary>
    public const int Cowhide = 21;

    /// <summary>Feather.</summary>
    public const int Feather = 22;

    /// <summary>Big bones: 15 prayer XP buried.</summary>
    public const int BigBones = 23;
}
