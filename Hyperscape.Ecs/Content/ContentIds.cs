namespace Hyperscape.Ecs.Content;

/// <summary>
/// The registry from content string ids to the integer ids saved characters refer to. Saves hold
/// integers, so an id once given never changes or moves to other content: reordering, adding or
/// removing entries in the files keeps every existing number. The host keeps the registry in its
/// database; content that is new gets the next free id of its kind, in file order, so a fresh
/// registry numbers the files' entries 1, 2, 3, ...
/// </summary>
public sealed class ContentIds
{
    private readonly Dictionary<(ContentKind Kind, string Key), int> _ids = [];
    private readonly Dictionary<(ContentKind Kind, int Id), string> _keys = [];
    private readonly Dictionary<ContentKind, int> _next = [];
    private readonly List<ContentId> _added = [];

    /// <summary>A registry holding <paramref name="assigned"/>; throws when a key or an id appears twice in one kind.</summary>
    public ContentIds(IEnumerable<ContentId> assigned)
    {
        ArgumentNullException.ThrowIfNull(assigned);
        foreach (var entry in assigned)
        {
            if (entry.Id < 1 || string.IsNullOrEmpty(entry.Key))
            {
                throw new ArgumentException($"{entry.Kind} '{entry.Key}' has id {entry.Id}; ids start at 1 and keys are not empty.", nameof(assigned));
            }

            if (!_ids.TryAdd((entry.Kind, entry.Key), entry.Id) || !_keys.TryAdd((entry.Kind, entry.Id), entry.Key))
            {
                throw new ArgumentException($"The registry gives {entry.Kind} '{entry.Key}' or id {entry.Id} twice.", nameof(assigned));
            }

            _next[entry.Kind] = Math.Max(_next.GetValueOrDefault(entry.Kind, 1), entry.Id + 1);
        }
    }

    /// <summary>An empty registry: ids follow file order.</summary>
    public static ContentIds Empty => new([]);

    /// <summary>Every assignment, those given before and those added by <see cref="Assign"/>.</summary>
    public IReadOnlyList<ContentId> All => _ids.Select(p => new ContentId(p.Key.Kind, p.Key.Key, p.Value)).OrderBy(e => e.Kind).ThenBy(e => e.Id).ToList();

    /// <summary>The assignments made since this registry was built: what the host must store before play begins.</summary>
    public IReadOnlyList<ContentId> Added => _added;

    /// <summary>The id of <paramref name="key"/>, if it has one.</summary>
    public bool TryGet(ContentKind kind, string key, out int id) => _ids.TryGetValue((kind, key), out id);

    /// <summary>The key an id was given to, if any (also for content no longer in the files).</summary>
    public bool TryGetKey(ContentKind kind, int id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? key) =>
        _keys.TryGetValue((kind, id), out key);

    /// <summary>The id of <paramref name="key"/>: the one it was given, or the next free one of its kind.</summary>
    public int Assign(ContentKind kind, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (_ids.TryGetValue((kind, key), out var id))
        {
            return id;
        }

        id = _next.GetValueOrDefault(kind, 1);
        _next[kind] = id + 1;
        _ids.Add((kind, key), id);
        _keys.Add((kind, id), key);
        _added.Add(new ContentId(kind, key, id));
        return id;
    }
}
