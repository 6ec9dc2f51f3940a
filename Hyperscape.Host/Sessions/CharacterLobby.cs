using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Social;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Gameplay;

namespace Hyperscape.Host.Sessions;

/// <summary>
/// The character screen: an account's list, creating a character (an anonymous account is stored
/// only together with its first one), and taking a character into the world. Stateless: the
/// session keeps who it is.
/// </summary>
public sealed class CharacterLobby(SessionServices services, GameLoop loop, Microsoft.Extensions.Options.IOptions<ServerOptions> options)
{
    private readonly SessionLimits _limits = options?.Value.Limits ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The account's characters, as listed (an account without a row has none).</summary>
    public async Task<IReadOnlyList<CharacterSummary>> ListAsync(AccountRecord? account, CancellationToken cancellationToken)
    {
        var characters = account is null ? [] : await services.Characters.ListAsync(account.Id, cancellationToken).ConfigureAwait(false);
        return [.. characters.Take(WireProtocol.MaxCharactersPerAccount).Select(c => new CharacterSummary(c.Id, c.Name, c.CombatLevel))];
    }

    /// <summary>
    /// Creates a character of this world for the account (or for a new anonymous account when
    /// there is none yet); the refusal, when refused, is what to tell the client.
    /// </summary>
    public async Task<(AccountRecord? Account, ProtocolError? Refusal)> CreateAsync(AccountRecord? account, string name, CancellationToken cancellationToken)
    {
        if (!SocialRules.IsValidName(name))
        {
            return (account, new ProtocolError(ProtocolErrorCode.OutOfRange,
                $"A name has 1 to {WireProtocol.MaxNameLength} letters, digits, spaces, '_' or '-', and starts with a letter or digit."));
        }

        var starter = loop.NewCharacter(name);
        var created = account is null
            ? await services.Characters.CreateWithNewAccountAsync("guest", starter, cancellationToken).ConfigureAwait(false)
            : await services.Characters.CreateAsync(account.Id, starter, _limits.CharactersPerAccount, cancellationToken).ConfigureAwait(false);
        return created.Outcome switch
        {
            CharacterCreationOutcome.NameTaken => (account, new ProtocolError(ProtocolErrorCode.NotAllowedNow, $"The name {name} is taken.")),
            CharacterCreationOutcome.LimitReached => (account, new ProtocolError(ProtocolErrorCode.NotAllowedNow, $"An account has at most {_limits.CharactersPerAccount} characters.")),

            // An anonymous session's account exists from its first character on.
            _ => (account ?? await services.Accounts.FindAsync(created.Character!.AccountId, cancellationToken).ConfigureAwait(false), null),
        };
    }

    /// <summary>
    /// Takes one of the account's characters into the world on <paramref name="link"/>: the entry, the
    /// refusal, or (zone mode) the zone the character belongs in when that is another one.
    /// </summary>
    public async Task<(WorldEntry? Entry, ProtocolError? Refusal, ZoneRedirect? Elsewhere)> EnterAsync(AccountRecord? account, long characterId, IClientLink link, CancellationToken cancellationToken)
    {
        // A character that just left is loaded only once its departure is durable.
        await loop.WhenSavedAsync(characterId).WaitAsync(cancellationToken).ConfigureAwait(false);
        var character = account is null ? null : await services.Characters.LoadAsync(characterId, cancellationToken).ConfigureAwait(false);
        if (character is null || character.AccountId != account!.Id)
        {
            return (null, new ProtocolError(ProtocolErrorCode.Unauthorized, "That is not one of your characters."), null);
        }

        if (loop.Zone is { } zone)
        {
            var (refusal, elsewhere, rescuedTo) = await TakeForZoneAsync(zone, character, cancellationToken).ConfigureAwait(false);
            if (refusal is not null || elsewhere is not null)
            {
                return (null, refusal, elsewhere);
            }

            if (rescuedTo is { } tile)
            {
                character = character with { State = character.State with { Position = Position.At(tile) } };
            }
        }

        var relations = await services.Social.GetRelationsAsync(characterId, cancellationToken).ConfigureAwait(false);
        var entry = await loop.EnterWorldAsync(link, character, relations).ConfigureAwait(false);
        return entry is null ? (null, new ProtocolError(ProtocolErrorCode.NotAllowedNow, "The server is shutting down."), null) : (entry, null, null);
    }

    /// <summary>
    /// Zone mode: a character plays in the zone whose tile it stands on, and only there once that
    /// zone holds it in the database. Elsewhere, the client is sent to that zone (or to the zone that
    /// holds it still). When no live process runs its zone, it continues here, at this zone's nearest
    /// walkable tile, as soon as no zone holds it any more (the dead zone's lease ran out); until
    /// then the login is refused with the time to wait.
    /// </summary>
    private async Task<(ProtocolError? Refusal, ZoneRedirect? Elsewhere, Tile? RescuedTo)> TakeForZoneAsync(Zones.ZoneRuntime zone, StoredCharacter character, CancellationToken cancellationToken)
    {
        var id = character.State.CharacterId;
        var tile = character.State.Position.Tile;
        var home = zone.Map.Contains(tile) ? zone.Map.ZoneOf(tile) : zone.Zone;
        Tile? rescue = null;
        if (home != zone.Zone && zone.AddressOf(home) is null)
        {
            rescue = zone.Map.NearestTileOf(zone.Zone, tile, loop.WorldContent.Map.IsWalkable);
            if (rescue is null)
            {
                return (new ProtocolError(ProtocolErrorCode.NotAllowedNow, $"Your character is in zone {home}, which is not running now; try again later."), null, null);
            }

            home = zone.Zone;
        }

        if (home == zone.Zone)
        {
            if (await zone.Ownership.TryTakeAsync(id, zone.Zone, zone.Options.Lease, cancellationToken).ConfigureAwait(false) is { } epoch)
            {
                zone.Fence.Hold(id, epoch);
                return (null, null, rescue);
            }

            // Another zone still holds it (a crossing under way, its grace after a drop there, or a
            // zone that died with it and whose lease has not run out yet).
            home = (await zone.Ownership.OwnerAsync(id, cancellationToken).ConfigureAwait(false)).Zone ?? zone.Zone;
        }

        return zone.AddressOf(home) is { } address
            ? (null, new ZoneRedirect(home, address), null)
            : (new ProtocolError(ProtocolErrorCode.NotAllowedNow,
                $"Your character is held by zone {home}, which is not running now; it can play again within {zone.Options.Lease.TotalSeconds:0} s, once that hold runs out."), null, null);
    }
}
