namespace Hyperscape.Ecs.Content;

/// <summary>One assignment of the id registry: the content of <paramref name="Kind"/> named <paramref name="Key"/> is <paramref name="Id"/> at run time.</summary>
/// <param name="Kind">Item or NPC type.</param>
/// <param name="Key">The string id the content files use.</param>
/// <param name="Id">The compact integer id, 1 or more.</param>
public readonly record struct ContentId(ContentKind Kind, string Key, int Id);
