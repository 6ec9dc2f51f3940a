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

    /// <summary>Bronze axe.</summary>
    public const int BronzeAxe = 24;

    /// <summary>Iron axe.</summary>
    public const int IronAxe = 25;

    /// <summary>Steel axe.</summary>
    public const int SteelAxe = 26;

    /// <summary>Bronze pickaxe.</summary>
    public const int BronzePickaxe = 27;

    /// <summary>Iron pickaxe.</summary>
    public const int IronPickaxe = 28;

    /// <summary>Steel pickaxe.</summary>
    public const int SteelPickaxe = 29;

    /// <summary>Small fishing net.</summary>
    public const int SmallFishingNet = 30;

    /// <summary>Fishing rod.</summary>
    public const int FishingRod = 31;

    /// <summary>Fly fishing rod.</summary>
    public const int FlyFishingRod = 32;

    /// <summary>Lobster pot.</summary>
    public const int LobsterPot = 33;

    /// <summary>Harpoon.</summary>
    public const int Harpoon = 34;

    /// <summary>Fishing bait.</summary>
    public const int FishingBait = 35;

    /// <summary>Oak logs.</summary>
    public const int OakLogs = 36;

    /// <summary>Willow logs.</summary>
    public const int WillowLogs = 37;

    /// <summary>Maple logs.</summary>
    public const int MapleLogs = 38;

    /// <summary>Yew logs.</summary>
    public const int YewLogs = 39;

    /// <summary>Copper ore.</summary>
    public const int CopperOre = 40;

    /// <summary>Tin ore.</summary>
    public const int TinOre = 41;

    /// <summary>Iron ore.</summary>
    public const int IronOre = 42;

    /// <summary>Coal.</summary>
    public const int Coal = 43;

    /// <summary>Raw shrimps.</summary>
    public const int RawShrimps = 44;

    /// <summary>Raw sardine.</summary>
    public const int RawSardine = 45;

    /// <summary>Raw trout.</summary>
    public const int RawTrout = 46;

    /// <summary>Raw salmon.</summary>
    public const int RawSalmon = 47;

    /// <summary>Raw lobster.</summary>
    public const int RawLobster = 48;

    /// <summary>Raw swordfish.</summary>
    public const int RawSwordfish = 49;

    /// <summary>Tinderbox.</summary>
    public const int Tinderbox = 50;

    /// <summary>Sardine.</summary>
    public const int Sardine = 51;

    /// <summary>Trout.</summary>
    public const int Trout = 52;

    /// <summary>Salmon.</summary>
    public const int Salmon = 53;

    /// <summary>Swordfish.</summary>
    public const int Swordfish = 54;

    /// <summary>Cooked meat.</summary>
    public const int CookedMeat = 55;

    /// <summary>Burnt fish.</summary>
    public const int BurntFish = 56;

    /// <summary>Burnt meat.</summary>
    public const int BurntMeat = 57;

    /// <summary>Ashes.</summary>
    public const int Ashes = 58;

    /// <summary>Bronze bar.</summary>
    public const int BronzeBar = 59;

    /// <summary>Iron bar.</summary>
    public const int IronBar = 60;

    /// <summary>Steel bar.</summary>
    public const int SteelBar = 61;

    /// <summary>Hammer.</summary>
    public const int Hammer = 62;

    /// <summary>Bronze dagger.</summary>
    public const int BronzeDagger = 63;

    /// <summary>Iron dagger.</summary>
    public const int IronDagger = 64;

    /// <summary>Steel dagger.</summary>
    public const int SteelDagger = 65;

    /// <summary>Bronze scimitar.</summary>
    public const int BronzeScimitar = 66;

    /// <summary>Bronze arrowtips.</summary>
    public const int BronzeArrowtips = 67;

    /// <summary>Knife.</summary>
    public const int Knife = 68;

    /// <summary>Arrow shaft.</summary>
    public const int ArrowShaft = 69;

    /// <summary>Headless arrow.</summary>
    public const int HeadlessArrow = 70;

    /// <summary>Bow string.</summary>
    public const int BowString = 71;

    /// <summary>Shortbow (u).</summary>
    public const int ShortbowU = 72;

    /// <summary>Shortbow.</summary>
    public const int Shortbow = 73;

    /// <summary>Longbow (u).</summary>
    public const int LongbowU = 74;

    /// <summary>Oak shortbow (u).</summary>
    public const int OakShortbowU = 75;

    /// <summary>Oak shortbow.</summary>
    public const int OakShortbow = 76;

    /// <summary>Needle.</summary>
    public const int Needle = 77;

    /// <summary>Thread.</summary>
    public const int Thread = 78;

    /// <summary>Leather.</summary>
    public const int Leather = 79;

    /// <summary>Leather body.</summary>
    public const int LeatherBody = 80;

    /// <summary>Chisel.</summary>
    public const int Chisel = 81;

    /// <summary>Uncut sapphire.</summary>
    public const int UncutSapphire = 82;

    /// <summary>Sapphire.</summary>
    public const int Sapphire = 83;

    /// <summary>Rune essence.</summary>
    public const int RuneEssence = 84;

    /// <summary>Air rune.</summary>
    public const int AirRune = 85;

    /// <summary>Mind rune.</summary>
    public const int MindRune = 86;

    /// <summary>Water rune.</summary>
    public const int WaterRune = 87;

    /// <summary>Earth rune.</summary>
    public const int EarthRune = 88;

    /// <summary>Fire rune.</summary>
    public const int FireRune = 89;

    /// <summary>Chaos rune.</summary>
    public const int ChaosRune = 90;

    /// <summary>Staff of air.</summary>
    public const int StaffOfAir = 91;

    /// <summary>Iron arrowtips.</summary>
    public const int IronArrowtips = 92;

    /// <summary>Iron arrow (tier 2: a normal bow fires it).</summary>
    public const int IronArrow = 93;

    /// <summary>Steel arrowtips.</summary>
    public const int SteelArrowtips = 94;

    /// <summary>Steel arrow (tier 3: an oak bow or better).</summary>
    public const int SteelArrow = 95;
}
