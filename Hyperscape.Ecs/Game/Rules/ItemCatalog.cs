using System.Collections.Frozen;

namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// The table of item definitions, indexed by id. Lookups are an array read; unknown ids are
/// reported, never thrown, because they arrive from clients.
/// </summary>
public sealed class ItemCatalog
{
    private readonly ItemDefinition?[] _byId;

    /// <summary>Builds a catalog; ids must be positive and unique, and so must keys.</summary>
    public ItemCatalog(IEnumerable<ItemDefinition> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        var maxId = list.Count == 0 ? 0 : list.Max(i => i.Id);
        _byId = new ItemDefinition?[maxId + 1];
        foreach (var item in list)
        {
            if (item.Id <= 0)
            {
                throw new ArgumentException($"Item '{item.Name}' has id {item.Id}; ids start at 1 (0 marks an empty slot).", nameof(items));
            }

            if (_byId[item.Id] is not null)
            {
                throw new ArgumentException($"Item id {item.Id} is defined twice.", nameof(items));
            }

            _byId[item.Id] = item;
        }

        ByKey = list.ToFrozenDictionary(i => i.Key, StringComparer.Ordinal);
        All = list;
    }

    /// <summary>The items of the default world (<see cref="Content.GameContent.Default"/>).</summary>
    public static ItemCatalog Standard => Content.GameContent.Default.Items;

    /// <summary>Definitions by their string id (<see cref="ItemDefinition.Key"/>).</summary>
    public FrozenDictionary<string, ItemDefinition> ByKey { get; }

    /// <summary>Every definition, in the order given.</summary>
    public IReadOnlyList<ItemDefinition> All { get; }

    /// <summary>The highest defined id.</summary>
    public int MaxId => _byId.Length - 1;

    /// <summary>Looks up a definition; false for unknown or non-positive ids.</summary>
    public bool TryGet(int id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ItemDefinition? definition)
    {
        definition = (uint)id < (uint)_byId.Length ? _byId[id] : null;
        return definition is not null;
    }

    /// <summary>The definition of a known id; throws for ids the server itself got wrong.</summary>
    public ItemDefinition this[int id] =>
        TryGet(id, out var definition) ? definition : throw new KeyNotFoundException($"No item has id {id}.");
}
