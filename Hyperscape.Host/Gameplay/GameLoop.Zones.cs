using System.Buffers;
using System.Diagnostics;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Sync;
using Hyperscape.Host.Zones;

namespace Hyperscape.Host.Gameplay;

/// <summary>
/// The game loop's zone-mode half: players crossing this zone's borders leave through a fenced
/// hand-off, players crossing in arrive through the zone grain's doorbell, and characters another
/// zone took are dropped. All of it runs on the loop thread, between frames; none of it exists
/// when no zone is configured.
/// </summary>
public sealed partial class GameLoop : IZoneInbox
{
    /// <summary>Close status: the character continues in another zone (a <see cref="MessageType.ZoneChange"/> said where).</summary>
    public const int ClosedZoneChange = 4003;

    /// <summary>Close status: another zone owns this character now; this zone let it go without saving.</summary>
    public const int ClosedOwnedElsewhere = 4002;

    // How long a player who left for another zone stays on screen here at most, should the other
    // zone never show its own ghost of it: about the doorbell's ringing time.
    private const int HandOffGhostTicks = 20;

    private readonly List<BorderCrossing> _crossings = [];
    private readonly List<(PlayerPresence Presence, int Zone)> _stepping = [];
    private readonly List<GhostState> _ghosts = [];
    private long _bordersCheckedAt;

    /// <summary>Zone mode's runtime; null for the single-process server.</summary>
    internal ZoneRuntime? Zone { get; set; }

    /// <summary>Crossings out of this zone not finished yet.</summary>
    public int CrossingsInFlight => Volatile.Read(ref _crossingsInFlight);

    private int _crossingsInFlight;

    /// <inheritdoc />
    bool IZoneInbox.DeliverPrivate(string sender, string recipient, string text) => false;

    /// <inheritdoc />
    void IZoneInbox.ReceiveGhosts(int fromZone, byte[] ghosts)
    {
        var states = ArrayPool<GhostState>.Shared.Rent(Math.Max(1, ghosts.Length / GhostCodec.Size));
        try
        {
            var count = GhostCodec.Decode(ghosts, states);
            Server.Simulation.ReceiveGhosts(states.AsSpan(0, count));
            Zone?.GhostsArrived(count);
        }
        finally
        {
            ArrayPool<GhostState>.Shared.Return(states);
        }
    }

    /// <inheritdoc />
    async Task<bool> IZoneInbox.ArriveAsync(long characterId, long epoch, string resumeToken, Tile? walkTo)
    {
        var zone = Zone ?? throw new InvalidOperationException("This server runs no zone.");
        var (owner, ownerEpoch) = await zone.Ownership.OwnerAsync(characterId).ConfigureAwait(false);
        if (owner != zone.Zone || ownerEpoch != epoch)
        {
            _logger.LogWarning("A doorbell for character {Character} at epoch {Epoch} was refused: the database says zone {Owner} owns it at epoch {OwnerEpoch}",
                characterId, epoch, owner, ownerEpoch);
            return false;
        }

        await WhenSavedAsync(characterId).ConfigureAwait(false);
        var character = await _characters.LoadAsync(characterId).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Character {characterId} crossed into zone {zone.Zone} but is not stored.");
        var relations = await zone.Social.GetRelationsAsync(characterId).ConfigureAwait(false);
        return await PostAsync(() =>
        {
            if (_stopping)
            {
                return false;
            }

            if (_presence.TryGetByCharacter(characterId, out var here))
            {
                return here.ResumeToken == resumeToken;
            }

            zone.Fence.Hold(characterId, epoch);
            var networkId = Server.Simulation.Join(character.State, character.Kills);
            var presence = new PlayerPresence(characterId, character.AccountId, networkId, character.State.Name, resumeToken)
            {
                Relations = relations,
                GraceUntil = DateTimeOffset.UtcNow + _options.ReconnectGrace,
            };
            _presence.Add(presence);
            if (walkTo is { } destination)
            {
                // Joins apply before actions in a tick: it walks on from the tick it arrives.
                Server.Simulation.Enqueue(new PlayerAction(networkId, ActionKind.Move, X: destination.X, Z: destination.Z));
            }

            zone.Arrived();
            _logger.LogInformation("{Name} (character {Character}) crossed into zone {Zone} at {Position} (epoch {Epoch})",
                presence.Name, characterId, zone.Zone, character.State.Position.Tile, epoch);
            return true;
        }).ConfigureAwait(false);
    }

    /// <summary>Zone work after the frames: characters lost to another zone, players stepping over a border, crossings under way.</summary>
    private void ZoneFrame(ZoneRuntime zone)
    {
        while (zone.Fence.TryTakeLost(out var lost))
        {
            if (_presence.TryGetByCharacter(lost, out var presence))
            {
                _logger.LogWarning("{Name} (character {Character}) is owned by another zone now; dropping it here without saving", presence.Name, lost);
                presence.Link?.Close(ClosedOwnedElsewhere, "Your character is playing in another zone.");
                RemoveFromWorld(presence);
            }
        }

        if (Tick != _bordersCheckedAt)
        {
            _bordersCheckedAt = Tick;
            FindBorderSteps(zone);
            SendGhosts(zone);
        }

        var now = Environment.TickCount64;
        for (var i = _crossings.Count - 1; i >= 0; i--)
        {
            var crossing = _crossings[i];
            Drive(zone, crossing, now);
            if (crossing.HandOff.Finished)
            {
                _crossings.RemoveAt(i);
                Volatile.Write(ref _crossingsInFlight, _crossings.Count);
            }
        }
    }

    private void FindBorderSteps(ZoneRuntime zone)
    {
        var world = Server.Simulation.World;
        foreach (var presence in _presence.Everyone)
        {
            if (Server.Simulation.TryResolve(presence.NetworkId, out var entity) && world.TryGet<Position>(entity, out var position))
            {
                var there = zone.Map.ZoneOf(position.Tile);
                if (there != zone.Zone)
                {
                    _stepping.Add((presence, there));
                }
            }
        }

        foreach (var (presence, there) in _stepping)
        {
            StartCrossing(zone, presence, there);
        }

        _stepping.Clear();
    }

    /// <summary>Each tick, each neighbour gets the players and NPCs in this zone's band along their border.</summary>
    private void SendGhosts(ZoneRuntime zone)
    {
        foreach (var (neighbour, near) in zone.Neighbours)
        {
            _ghosts.Clear();
            Server.Simulation.CaptureGhosts(near, _ghosts);
            if (_ghosts.Count > 0)
            {
                zone.SendGhosts(neighbour, GhostCodec.Encode(_ghosts));
            }
        }
    }

    private void StartCrossing(ZoneRuntime zone, PlayerPresence presence, int to)
    {
        if (!zone.Fence.TryGetEpoch(presence.CharacterId, out var epoch))
        {
            return;
        }

        var ticket = new HandOffTicket(presence.CharacterId, zone.Zone, to, epoch, ZoneRuntime.NewHandOffId(), Tick);
        var walkTo = Server.Simulation.TryResolve(presence.NetworkId, out var entity) && Server.Simulation.World.TryGet<Movement>(entity, out var movement) && movement.HasDestination
            ? movement.Destination
            : (Tile?)null;
        var crossing = new BorderCrossing(new HandOff(ticket, zone.Timeouts), presence, Stopwatch.GetTimestamp()) { WalkTo = walkTo };
        _crossings.Add(crossing);
        Volatile.Write(ref _crossingsInFlight, _crossings.Count);
        _logger.LogInformation("{Name} (character {Character}) stepped into zone {To} on tick {Tick}; handing it over (crossing {HandOff})",
            presence.Name, presence.CharacterId, to, Tick, ticket.HandOffId);
        Act(zone, crossing, crossing.HandOff.Start(Environment.TickCount64));
    }

    private void Drive(ZoneRuntime zone, BorderCrossing crossing, long now)
    {
        var handOff = crossing.HandOff;
        if (crossing.Commit is { IsCompleted: true } commit)
        {
            crossing.Commit = null;
            var outcome = commit.IsCompletedSuccessfully ? commit.Result : CommitOutcome.Failed;
            if (outcome == CommitOutcome.Committed)
            {
                zone.CrashIf("after-commit");
            }

            Act(zone, crossing, handOff.Committed(outcome, now));
        }

        if (crossing.Ring is { IsCompleted: true } ring)
        {
            crossing.Ring = null;
            Act(zone, crossing, handOff.Rang(ring.IsCompletedSuccessfully ? ring.Result : null, now));
        }

        Act(zone, crossing, handOff.Poll(now));
    }

    private void Act(ZoneRuntime zone, BorderCrossing crossing, HandOffAction action)
    {
        var presence = crossing.Presence;
        var ticket = crossing.HandOff.Ticket;
        switch (action)
        {
            case HandOffAction.Freeze:
                // Out of this world at the next tick: no action of the player applies here any more,
                // and its departure save, queued behind every item transaction of this tick, becomes
                // the commit that moves it to the other zone.
                var done = new TaskCompletionSource<CommitOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
                _writer.MoveOnDeparture(ticket, zone.Options.Lease, done);
                crossing.Commit = done.Task;
                if (presence.Link is { } link)
                {
                    Server.Disconnect(link.ClientId);
                }

                _presence.Remove(presence);
                _writer.ExpectSave(presence.CharacterId);
                Server.Simulation.LeaveAsGhost(presence.NetworkId, HandOffGhostTicks);
                zone.CrashIf("before-commit");
                Act(zone, crossing, crossing.HandOff.ItemsDurable(Environment.TickCount64));
                break;
            case HandOffAction.Commit:
                // The writer retries the move itself until the database gives an answer.
                break;
            case HandOffAction.Ring:
                crossing.Ring = zone.RingAsync(ticket, crossing.WalkTo);
                break;
            case HandOffAction.Redirect:
            case HandOffAction.RedirectWithoutToken:
                zone.CrashIf("after-doorbell");
                var address = zone.AddressOf(ticket.ToZone);
                var token = action == HandOffAction.Redirect ? crossing.HandOff.ResumeToken : null;
                zone.Counted(handedOver: true, crossing.StartedTimestamp);
                _logger.LogInformation("{Name} (character {Character}) now belongs to zone {To} (epoch {Epoch}); {How}",
                    presence.Name, presence.CharacterId, ticket.ToZone, ticket.NextEpoch,
                    address is null ? "no live process runs it now: the player logs in there later" : token is null ? $"sent to log in at {address}" : $"sent to resume at {address}");
                if (presence.Link is { } moving)
                {
                    if (address is not null)
                    {
                        var buffer = new FixedBufferWriter(512);
                        ServerMessages.ZoneChange(buffer, ticket.ToZone, address, token);
                        moving.Send(buffer.WrittenSpan, PacketDelivery.Reliable);
                        moving.Close(ClosedZoneChange, $"Continue in zone {ticket.ToZone}.");
                    }
                    else
                    {
                        moving.Close(ClosedZoneChange, $"Zone {ticket.ToZone} is not running; log in again later.");
                    }
                }

                break;
            case HandOffAction.Drop:
                zone.Counted(handedOver: false, crossing.StartedTimestamp);
                _logger.LogWarning("{Name} (character {Character}) could not cross: another zone already owned it; dropped here without saving", presence.Name, presence.CharacterId);
                presence.Link?.Close(ClosedOwnedElsewhere, "Your character is playing in another zone.");
                break;
            case HandOffAction.Unfreeze:
                // The commit rides the writer's queue, which never gives up; a crossing is only
                // abandoned here when the process is stopping, and the shutdown save keeps the player.
                zone.Counted(handedOver: false, crossing.StartedTimestamp);
                break;
        }
    }
}
