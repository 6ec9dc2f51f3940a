namespace Hyperscape.Ecs.Game.Rules;

/// <summary>The table of NPC types, indexed by id.</summary>
public sealed class NpcCatalog
{
    private readonly NpcDefinition?[] _byId;

    /// <summary>Builds a catalog; ids must be positive and unique.</summary>
    public NpcCatalog(IEnumerable<NpcDefinition> npcs)
    {
        ArgumentNullException.ThrowIfNull(npcs);
        var list = npcs.ToList();
        _byId = new NpcDefinition?[(list.Count == 0 ? 0 : list.Max(n => n.Id)) + 1];
        foreach (var npc in list)
        {
            if (npc.Id <= 0 || _byId[npc.Id] is not null)
            {
                throw new ArgumentException($"NPC '{npc.Name}' has id {npc.Id}, which is not positive or not unique.", nameof(npcs));
            }

            _byId[npc.Id] = npc;
        }

        All = list;
    }

    /// <summary>The NPC types of the default world.</summary>
    public static NpcCatalog Standard { get; } = new(
    [
        new(NpcIds.Chicken, "Chicken", 1, 1, 1, 3, 4, false,
            new([new(1, ItemIds.Bones)], [new(1, ItemIds.Feather, 5, 15), new(1, ItemIds.RawBeef)], 2))
        {
            AttackType = AttackType.Stab,
        },
        new(NpcIds.Goblin, "Goblin", 1, 1, 1, 5, 4, true,
            new([new(1, ItemIds.Bones)], [new(6, ItemIds.Coins, 1, 25), new(1, ItemIds.BronzeSword), new(1, ItemIds.BronzeFullHelm)], 8)),
        new(NpcIds.Cow, "Cow", 1, 1, 1, 8, 4, false,
            new([new(1, ItemIds.Bones), new(1, ItemIds.Cowhide), new(1, ItemIds.RawBeef)], [], 1)),
        new(NpcIds.GiantRat, "Giant rat", 2, 3, 2, 5, 4, true,
            new([new(1, ItemIds.Bones)], [new(1, ItemIds.Coins, 1, 10)], 3))
        {
            AttackType = AttackType.Stab,
        },
        new(NpcIds.Guard, "Guard", 19, 18, 14, 22, 5, false,
            new([new(1, ItemIds.Bones)], [new(4, ItemIds.Coins, 10, 60), new(1, ItemIds.IronSword), new(1, ItemIds.WoodenShield)], 6))
        {
            AttackType = AttackType.Stab,
            Bonuses = new(StabAttack: 10, StabDefence: 12, SlashDefence: 14, CrushDefence: 9, RangedDefence: 12, MeleeStrength: 7),
        },
        new(NpcIds.HillGiant, "Hill giant", 18, 22, 26, 35, 6, true,
            new([new(1, ItemIds.BigBones)], [new(5, ItemIds.Coins, 20, 120), new(1, ItemIds.SteelLongsword), new(2, ItemIds.Lobster)], 10))
        {
            Bonuses = new(CrushAttack: 18, MeleeStrength: 16),
        },
    ]);

    /// <summary>Every definition.</summary>
    public IReadOnlyList<NpcDefinition> All { get; }

    /// <summary>Looks up a definition; false for unknown ids.</summary>
    public bool TryGet(int id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NpcDefinition? definition)
    {
        definition = (uint)id < (uint)_byId.Length ? _byId[id] : null;
        return definition is not null;
    }

    /// <summary>The definition of a known id.</summary>
    public NpcDefinition this[int id] =>
        TryGet(id, out var definition) ? definition : throw new KeyNotFoundException($"No NPC type has id {id}.");
}
