namespace Hyperscape.Ecs.Persistence;

/// <summary>A character's friends, ignores and pending friend requests, by character id and name.</summary>
/// <param name="Friends">Friends (the relation holds both ways).</param>
/// <param name="Ignored">Characters this one ignores.</param>
/// <param name="IncomingRequests">Characters who asked this one to be friends.</param>
/// <param name="OutgoingRequests">Characters this one asked.</param>
public sealed record SocialRelations(
    IReadOnlyList<CharacterSummaryRecord> Friends,
    IReadOnlyList<CharacterSummaryRecord> Ignored,
    IReadOnlyList<CharacterSummaryRecord> IncomingRequests,
    IReadOnlyList<CharacterSummaryRecord> OutgoingRequests);
