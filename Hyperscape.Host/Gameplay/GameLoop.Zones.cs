using System.Buffers;
using System.Diagnostics;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Social;
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
    void IZoneInbox.PublicChat(long speakerNetworkId, string speaker, string text) =>
        Post(() => _chat.DeliverFromGhost(speakerNetworkId, speaker, text));

    /// <inheritdoc />
    Task<bool> IZoneInbox.DeliverPrivateAsync(string sender, long senderCharacterId, string recipient, string text) =>
        PostAsync(() =>
        {
            if (!_presence.TryGetByName(recipient, out var target) || target.Link is null || !SocialRules.CanDeliverPrivate(target.Relations, senderCharacterId))
            {
                return false;
            }

            _chat.Private(target.Link, 0, sender, text);
            return true;
        });

    /// <inheritdoc />
    Task<bool> IZoneInbox.FriendStatusAsync(long friendCharacterId, string subject, long subjectCharacterId, bool online) =>
        PostAsync(() =>
        {
            if (!_presence.TryGetByCharacter(friendCharacterId, out var friend) || friend.Link is null || !friend.Relations.Friends.Any(f => f.Id == subjectCharacterId))
            {
                return false;
            }

            _social.Tell(friend.Link, SocialOperation.FriendStatus, subject, online);
            return true;
        });

    /// <inheritdoc />
    async Task<bool> IZoneInbox.SocialAsync(string recipient, bool friendAdded, string sender, long senderCharacterId)
    {
        var zone = Zone ?? throw new InvalidOperationException("This server runs no zone.");
        var characterId = await PostAsync(() => _presence.TryGetByName(recipient, out var target) ? target.CharacterId : 0).ConfigureAwait(false);
        if (characterId == 0)
        {
            return false;
        }

        // The other zone changed the relation in the database: read it again before telling anyone.
        var relations = await zone.Social.GetRelationsAsync(characterId).ConfigureAwait(false);
        return await PostAsync(() =>
        {
            if (!_presence.TryGetByCharacter(characterId, out var target))
            {
                return false;
            }

            target.Relations = relations;
            if (target.Link is not null && SocialRules.CanDeliverPrivate(relations, senderCharacterId))
            {
                _social.Tell(target.Link, friendAdded ? SocialOperation.FriendStatus : SocialOperation.FriendRequest, sender, online: true);
            }

            return target.Link is not null;
        }).ConfigureAwait(false);
    }

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
    async Task<bool> IZoneInbox.ArriveAsync(long characterId, long epoch, string resumeToken, CrossingCarry carry)
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
            var networkId = Server.Simulation.Join(character.State with { CombatTimers = carry.Timers }, character.Kills);
            var presence = new PlayerPresence(characterId, character.AccountId, networkId, character.State.Name, resumeToken)
            {
                Relations = relations,
                GraceUntil = DateTimeOffset.UtcNow + _options.ReconnectGrace,
            };
            _presence.Add(presence);
            if (carry.WalkTo is { } destination)
            {
                // Joins apply before actions in a tick: it walks on from the tick it arrives.
                Server.Simulation.Enqueue(new PlayerAction(networkId, ActionKind.Move, X: destination.X, Z: destination.Z));
            }

            zone.Arrived();
            Elsewhere(zone, "saying where {0} is online", presence.Name, () => zone.Messenger.AnnounceAsync(presence.Name, zone.Zone, online: true));
            _logger.LogInformation("{Name} (character {Character}) crossed into zone {Zone} at {Position} (epoch {Epoch})",
                presence.Name, characterId, zone.Zone, character.State.Position.Tile, epoch);
            return true;
        }).ConfigureAwait(false);
    }

    /// <summary>Public chat of a player in a neighbour's border band goes there too, for those who see its ghost.</summary>
    private void SayOverTheBorder(PlayerPresence speaker, string text)
    {
        var zone = Zone!;
        if (!Server.Simulation.TryResolve(speaker.NetworkId, out var entity) || !Server.Simulation.World.TryGet<Position>(entity, out var position))
        {
            return;
        }

        foreach (var (neighbour, near) in zone.Neighbours)
        {
            if (near(position.Tile))
            {
                zone.SendPublicChat(neighbour, speaker.NetworkId, speaker.Name, text);
            }
        }
    }

    /// <summary>A private message for someone not in this zone: the cluster finds its zone, and the answer comes back to the sender.</summary>
    private bool SendPrivateElsewhere(PlayerPresence speaker, string recipient, string text)
    {
        var zone = Zone!;
        var (name, id, networkId) = (speaker.Name, speaker.CharacterId, speaker.NetworkId);
        Elsewhere(zone, "sending a private message to {0}", recipient, async () =>
        {
            var delivered = await zone.Messenger.SendPrivateAsync(name, id, recipient, text).ConfigureAwait(false);
            Post(() =>
            {
                if (_presence.TryGetByCharacter(id, out var sender))
                {
                    if (delivered)
                    {
                        _chat.Private(sender.Link, networkId, name, text);
                    }
                    else
                    {
                        _chat.NotOnline(sender.Link, recipient);
                    }
                }
            });
        });
        return true;
    }

    /// <summary>A friend request, or its acceptance, for someone not in this zone.</summary>
    private void SendSocialElsewhere(PlayerPresence player, bool friendAdded, string recipient)
    {
        var zone = Zone!;
        var (name, id) = (player.Name, player.CharacterId);
        Elsewhere(zone, "telling {0} of a friend request", recipient, async () =>
        {
            var online = await zone.Messenger.SendSocialAsync(recipient, friendAdded, name, id).ConfigureAwait(false);
            if (friendAdded && online)
            {
                Post(() =>
                {
                    if (_presence.TryGetByCharacter(id, out var requester))
                    {
                        _social.Tell(requester.Link, SocialOperation.FriendStatus, recipient, online: true);
                    }
                });
            }
        });
    }

    /// <summary>
    /// A player entered or left the world here: the cluster learns where it is online, its friends in
    /// other zones hear of it, and, as it enters, it hears which of them are online.
    /// </summary>
    private void AnnounceElsewhere(PlayerPresence subject, bool online)
    {
        var zone = Zone!;
        var (name, id) = (subject.Name, subject.CharacterId);
        var remote = subject.Relations.Friends.Where(f => !_presence.TryGetByCharacter(f.Id, out _)).ToArray();
        Elsewhere(zone, "announcing {0} to its friends in other zones", name, async () =>
        {
            await zone.Messenger.AnnounceAsync(name, zone.Zone, online).ConfigureAwait(false);
            foreach (var friend in remote)
            {
                if (await zone.Messenger.TellFriendAsync(friend.Id, friend.Name, zone.Zone, name, id, online).ConfigureAwait(false) && online)
                {
                    Post(() =>
                    {
                        if (_presence.TryGetByCharacter(id, out var back))
                        {
                            _social.Tell(back.Link, SocialOperation.FriendStatus, friend.Name, online: true);
                        }
                    });
                }
            }
        });
    }

    /// <summary>Runs cluster work off the loop; a zone that cannot be reached costs that one message, logged.</summary>
    private void Elsewhere(ZoneRuntime zone, string doing, string about, Func<Task> work) => _ = Task.Run(async () =>
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException or SiloUnavailableException or OperationCanceledException)
        {
            _logger.LogWarning("Zone {Zone} failed {Doing}: {Reason}", zone.Zone, string.Format(System.Globalization.CultureInfo.InvariantCulture, doing, about), exception.Message);
        }
    });

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
        var crossing = new BorderCrossing(new HandOff(ticket, zone.Timeouts), presence, Stopwatch.GetTimestamp()) { Carry = CarryOf(presence) };
        _crossings.Add(crossing);
        Volatile.Write(ref _crossingsInFlight, _crossings.Count);
        _logger.LogInformation("{Name} (character {Character}) stepped into zone {To} on tick {Tick}; handing it over (crossing {HandOff})",
            presence.Name, presence.CharacterId, to, Tick, ticket.HandOffId);
        Act(zone, crossing, crossing.HandOff.Start(Environment.TickCount64));
    }

    /// <summary>Where the player is walking and its combat clocks (as the library captures them), read as it steps over.</summary>
    private CrossingCarry CarryOf(PlayerPresence presence)
    {
        var simulation = Server.Simulation;
        var timers = simulation.TryCapture(presence.NetworkId, out var state) ? state!.CombatTimers : default;
        var movement = simulation.TryResolve(presence.NetworkId, out var entity) && simulation.World.TryGet<Movement>(entity, out var moving) ? moving : default;
        return new CrossingCarry(
            movement.HasDestination ? movement.Destination.X : -1,
            movement.HasDestination ? movement.Destination.Z : -1,
            timers.AttackIn,
            timers.EatIn,
            timers.InCombatFor);
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
                crossing.Ring = zone.RingAsync(ticket, crossing.Carry);
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
