namespace Hyperscape.Ecs.Store;

/// <summary>
/// What a query matches: archetypes holding every component of <see cref="All"/>, at least one of
/// <see cref="Any"/> (when it is not empty) and none of <see cref="None"/>. Build it fluently, once,
/// and keep it; <see cref="World.Query(in QueryDescription)"/> caches the matching archetypes.
/// </summary>
/// <example><code>
/// static readonly QueryDescription Moving = new QueryDescription().WithAll&lt;Position, Velocity&gt;().WithNone&lt;Frozen&gt;();
/// </code></example>
public readonly record struct QueryDescription
{
    /// <summary>Components an archetype must have all of.</summary>
    public ComponentSet All { get; init; }

    /// <summary>Components an archetype must have at least one of; ignored when empty.</summary>
    public ComponentSet Any { get; init; }

    /// <summary>Components an archetype must have none of.</summary>
    public ComponentSet None { get; init; }

    /// <summary>Adds <typeparamref name="T1"/> to <see cref="All"/>.</summary>
    public QueryDescription WithAll<T1>()
        where T1 : unmanaged => this with { All = All.With<T1>() };

    /// <summary>Adds the types to <see cref="All"/>.</summary>
    public QueryDescription WithAll<T1, T2>()
        where T1 : unmanaged
        where T2 : unmanaged => this with { All = All.Union(ComponentSet.Of<T1, T2>()) };

    /// <summary>Adds the types to <see cref="All"/>.</summary>
    public QueryDescription WithAll<T1, T2, T3>()
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged => this with { All = All.Union(ComponentSet.Of<T1, T2, T3>()) };

    /// <summary>Adds the types to <see cref="All"/>.</summary>
    public QueryDescription WithAll<T1, T2, T3, T4>()
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged => this with { All = All.Union(ComponentSet.Of<T1, T2, T3, T4>()) };

    /// <summary>Adds a whole set to <see cref="All"/>.</summary>
    public QueryDescription WithAll(in ComponentSet components) => this with { All = All.Union(components) };

    /// <summary>Adds <typeparamref name="T1"/> to <see cref="Any"/>.</summary>
    public QueryDescription WithAny<T1>()
        where T1 : unmanaged => this with { Any = Any.With<T1>() };

    /// <summary>Adds the types to <see cref="Any"/>.</summary>
    public QueryDescription WithAny<T1, T2>()
        where T1 : unmanaged
        where T2 : unmanaged => this with { Any = Any.Union(ComponentSet.Of<T1, T2>()) };

    /// <summary>Adds the types to <see cref="Any"/>.</summary>
    public QueryDescription WithAny<T1, T2, T3>()
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged => this with { Any = Any.Union(ComponentSet.Of<T1, T2, T3>()) };

    /// <summary>Adds <typeparamref name="T1"/> to <see cref="None"/>.</summary>
    public QueryDescription WithNone<T1>()
        where T1 : unmanaged => this with { None = None.With<T1>() };

    /// <summary>Adds the types to <see cref="None"/>.</summary>
    public QueryDescription WithNone<T1, T2>()
        where T1 : unmanaged
        where T2 : unmanaged => this with { None = None.Union(ComponentSet.Of<T1, T2>()) };

    /// <summary>Adds the types to <see cref="None"/>.</summary>
    public QueryDescription WithNone<T1, T2, T3>()
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged => this with { None = None.Union(ComponentSet.Of<T1, T2, T3>()) };

    /// <summary>True when an archetype with exactly <paramref name="components"/> matches.</summary>
    public bool Matches(in ComponentSet components) =>
        components.IsSupersetOf(All)
        && (Any.IsEmpty || components.Overlaps(Any))
        && !components.Overlaps(None);
}
