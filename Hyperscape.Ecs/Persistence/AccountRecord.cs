namespace Hyperscape.Ecs.Persistence;

/// <summary>A player account (the <c>users</c> table).</summary>
/// <param name="Id">The account id.</param>
/// <param name="Name">A display name for the account.</param>
/// <param name="PrivyUserId">The Privy user id ("did:privy:..."), or null for an anonymous account.</param>
/// <param name="FarcasterFid">A linked Farcaster id, when known.</param>
/// <param name="Wallet">A linked wallet address, when known.</param>
/// <param name="Created">When the account was created.</param>
public sealed record AccountRecord(long Id, string Name, string? PrivyUserId, long? FarcasterFid, string? Wallet, DateTimeOffset Created);
