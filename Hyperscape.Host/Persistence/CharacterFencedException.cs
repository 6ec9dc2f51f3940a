namespace Hyperscape.Host.Persistence;

/// <summary>
/// A write refused because this zone no longer owns a character it names (another zone took it at
/// a newer epoch): retrying cannot help, and the write must not land.
/// </summary>
public sealed class CharacterFencedException(IReadOnlyList<long> characterIds)
    : Exception($"This zone no longer owns character {string.Join(", ", characterIds)}; the write was refused.")
{
    /// <summary>The characters another zone owns now.</summary>
    public IReadOnlyList<long> CharacterIds { get; } = characterIds;
}
