namespace Hyperscape.Ecs.Game.Rules;

/// <summary>The table of resource types, indexed by id.</summary>
public sealed class ResourceCatalog
{
    private readonly ResourceDefinition?[] _byId;

    /// <summary>Builds a catalog; ids must be positive and unique.</summary>
    public ResourceCatalog(IEnumerable<ResourceDefinition> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var list = resources.ToList();
        _byId = new ResourceDefinition?[(list.Count == 0 ? 0 : list.Max(r => r.Id)) + 1];
        foreach (var resource in list)
        {
            if (resource.Id <= 0 || _byId[resource.Id] is not null)
            {
                throw new ArgumentException($"Resource '{resource.Name}' has id {resource.Id}, which is not positive or not unique.", nameof(resources));
            }

            _byId[resource.Id] = resource;
        }

        All = list;
    }

    /// <summary>A world without resources.</summary>
    public static ResourceCatalog Empty { get; } = new([]);

    /// <summary>The resource types of the default world (<see cref="Content.GameContent.Default"/>).</summary>
    public static ResourceCatalog Standard => Content.GameContent.Default.Resources;

    /// <summary>Every definition.</summary>
    public IReadOnlyList<ResourceDefinition> All { get; }

    /// <summary>Looks up a definition; false for unknown ids.</summary>
    public bool TryGet(int id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ResourceDefinition? definition)
    {
        definition = (uint)id < (uint)_byId.Length ? _byId[id] : null;
        return definition is not null;
    }

    /// <summary>The definition of a known id.</summary>
    public ResourceDefinition this[int id] =>
        TryGet(id, out var definition) ? definition : throw new KeyNotFoundException($"No resource type has id {id}.");
}
