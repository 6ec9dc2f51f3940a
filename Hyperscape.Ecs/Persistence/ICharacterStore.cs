using Hyperscape.Ecs.Game;

namespace Hyperscape.Ecs.Persistence;

/// <summary>Characters, their items, the ground, deaths and kills. Never called from the tick thread.</summary>
public interface ICharacterStore
{
    /// <summary>The characters of an account.</summary>
    Task<IReadOnlyList<CharacterSummaryRecord>> ListAsync(long accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a character for an account, refused when the name (case-insensitive) is taken or the
    /// account already has <paramref name="maxCharacters"/>; concurrent creations cannot pass the cap.
    /// </summary>
    Task<CharacterCreation> CreateAsync(long accountId, CharacterState initial, int maxCharacters, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a new anonymous account together with its first character, in one transaction: when
    /// the name is taken, nothing is stored at all (an anonymous visitor costs no storage until then).
    /// </summary>
    Task<CharacterCreation> CreateWithNewAccountAsync(string accountName, CharacterState initial, CancellationToken cancellationToken = default);

    /// <summary>A character with its items and kills, or null.</summary>
    Task<StoredCharacter?> LoadAsync(long characterId, CancellationToken cancellationToken = default);

    /// <summary>Saves a whole character (state, items, combat preferences) and stamps its last login.</summary>
    Task SaveAsync(CharacterState state, CancellationToken cancellationToken = default);

    /// <summary>Saves positions and stats of many characters in one batch.</summary>
    Task SaveProgressAsync(IReadOnlyList<CharacterProgress> progress, CancellationToken cancellationToken = default);

    /// <summary>Commits an item transaction atomically; returns false when it was already committed.</summary>
    Task<bool> CommitAsync(ItemTransaction transaction, CancellationToken cancellationToken = default);

    /// <summary>Every item lying on the ground.</summary>
    Task<IReadOnlyList<StoredGroundItem>> LoadGroundItemsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every gravestone standing, with what is left of its time: each comes back into the world once per start.</summary>
    Task<IReadOnlyList<StoredGravestone>> LoadGravestonesAsync(CancellationToken cancellationToken = default);

    /// <summary>Records the voice preference.</summary>
    Task SetPushToTalkAsync(long characterId, bool pushToTalk, CancellationToken cancellationToken = default);

    /// <summary>The largest transaction, death, ground item or gravestone id stored, so new ids start past it.</summary>
    Task<long> MaxStoredIdAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether a death was recorded.</summary>
    Task<bool> IsDeathRecordedAsync(long deathId, CancellationToken cancellationToken = default);
}
