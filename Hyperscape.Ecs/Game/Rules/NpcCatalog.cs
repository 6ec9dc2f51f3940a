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

    /// <summary>The NPC types of the default world (<see cref="Content.GameContent.Default"/>).</summary>
    public static NpcCatalog Standard => Content.GameContent.Default.Npcs;

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
