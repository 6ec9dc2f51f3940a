namespace Hyperscape.Ecs.Persistence;

/// <summary>Accounts. Implementations do I/O; callers never call them from the tick thread.</summary>
public interface IAccountStore
{
    /// <summary>The account of a Privy user, created on first sight.</summary>
    Task<AccountRecord> GetOrCreateByPrivyUserAsync(string privyUserId, string displayName, CancellationToken cancellationToken = default);

    /// <summary>A new anonymous account.</summary>
    Task<AccountRecord> CreateAnonymousAsync(string displayName, CancellationToken cancellationToken = default);

    /// <summary>An account by id, or null.</summary>
    Task<AccountRecord?> FindAsync(long accountId, CancellationToken cancellationToken = default);
}
