using Dapper;

namespace Hyperscape.Host.Persistence;

/// <summary>
/// Who owns each character, decided by the database alone: a zone takes a character with a
/// conditional update that raises its epoch, keeps it by renewing a lease, and lets it go; a hand-off
/// moves it with the player's save in one transaction (<see cref="SqlGameStore.SaveAndMoveAsync"/>). Two zones racing for one character cannot both win,
/// and a zone holding a stale epoch changes nothing. The clock sets and reads the leases.
/// </summary>
internal sealed class CharacterOwnership(ConnectionFactory connections, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// Takes a character for <paramref name="zone"/> when no zone holds it, the zone already did, or
    /// its owner's lease ran out; returns the epoch it is held at, or null when another zone holds it.
    /// A zone that holds it already keeps its epoch (a second login within one process), so the
    /// writes it has queued under that epoch still land; any other take raises the epoch.
    /// </summary>
    public async Task<long?> TryTakeAsync(long characterId, int zone, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "UPDATE characters SET owner_epoch = CASE WHEN owner_zone = @zone THEN owner_epoch ELSE owner_epoch + 1 END, owner_zone = @zone, lease_expires_at_unix_ms = @until " +
            "WHERE id = @characterId AND (owner_zone IS NULL OR owner_zone = @zone OR lease_expires_at_unix_ms < @now) RETURNING owner_epoch",
            new { characterId, zone, until = (now + lease).ToUnixTimeMilliseconds(), now = now.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Extends the lease of a character the zone holds at <paramref name="epoch"/>; false when it no longer does.</summary>
    public async Task<bool> RenewAsync(long characterId, int zone, long epoch, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var until = (_clock.GetUtcNow() + lease).ToUnixTimeMilliseconds();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE characters SET lease_expires_at_unix_ms = @until WHERE id = @characterId AND owner_zone = @zone AND owner_epoch = @epoch",
            new { characterId, zone, epoch, until }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>Extends the lease of every character the zone holds, in one statement; the number renewed.</summary>
    public async Task<int> RenewZoneAsync(int zone, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var until = (_clock.GetUtcNow() + lease).ToUnixTimeMilliseconds();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE characters SET lease_expires_at_unix_ms = @until WHERE owner_zone = @zone",
            new { zone, until }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Lets a character go (its player logged out); nothing happens when the zone no longer holds it at that epoch.</summary>
    public async Task<bool> ReleaseAsync(long characterId, int zone, long epoch, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE characters SET owner_zone = NULL, lease_expires_at_unix_ms = NULL WHERE id = @characterId AND owner_zone = @zone AND owner_epoch = @epoch",
            new { characterId, zone, epoch }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>A zone starting again lets go of every character it held: they log in anew, wherever.</summary>
    public async Task<int> ReleaseZoneAsync(int zone, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE characters SET owner_zone = NULL, lease_expires_at_unix_ms = NULL WHERE owner_zone = @zone",
            new { zone }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The zone holding a character and its epoch (zone null when none holds it).</summary>
    public async Task<(int? Zone, long Epoch)> OwnerAsync(long characterId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<(int? Zone, long Epoch)>(new CommandDefinition(
            "SELECT owner_zone, owner_epoch FROM characters WHERE id = @characterId", new { characterId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row;
    }
}
