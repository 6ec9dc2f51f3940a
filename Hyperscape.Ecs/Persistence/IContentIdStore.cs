using Hyperscape.Ecs.Content;

namespace Hyperscape.Ecs.Persistence;

/// <summary>
/// Where the content id registry (<see cref="ContentIds"/>) is kept: beside the saves whose
/// integers it explains, so the same string id always reads back as the same item.
/// </summary>
public interface IContentIdStore
{
    /// <summary>Every id given so far.</summary>
    Task<IReadOnlyList<ContentId>> LoadContentIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores new ids in one transaction; throws when one of them clashes with a stored id (another
    /// server gave the key or the number to something else meanwhile), storing none.
    /// </summary>
    Task AddContentIdsAsync(IReadOnlyList<ContentId> ids, CancellationToken cancellationToken = default);
}
