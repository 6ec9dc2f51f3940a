using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// Event routing: a player's own events (rejections, item changes, trades, level-ups, things made, obstacles crossed, gravestones) go to that
/// player's client; visible ones (damage, deaths, respawns, emotes, projectiles) to every client that tracks
/// the subject when the tick ends. Each client's events queue in order; a client's queue is
/// bounded only for others' visual events (its own are never dropped).
/// </summary>
internal sealed class EventRouter(ClientDirectory clients, SnapshotTable snapshots, DurabilityGate gate, SyncOptions options, SyncCounters counters)
{
    /// <summary>Routes a tick's events into the clients' queues.</summary>
    public void Route(ReadOnlySpan<GameEvent> events)
    {
        clients.RebuildGrid();
        foreach (ref readonly var e in events)
        {
            switch (e.Kind)
            {
                case GameEventKind.ActionRejected or GameEventKind.InventoryChanged or GameEventKind.EquipmentChanged
                    or GameEventKind.Healed or GameEventKind.LevelUp or GameEventKind.NpcKilled or GameEventKind.PrayerDrained
                    or GameEventKind.Gathered or GameEventKind.GatheringStopped or GameEventKind.BankOpened or GameEventKind.BankClosed
                    or GameEventKind.ShopOpened or GameEventKind.ShopClosed
                    or GameEventKind.Made or GameEventKind.Burnt or GameEventKind.MakeFailed or GameEventKind.ObstacleCrossed or GameEventKind.LapCompleted
                    or GameEventKind.GravestoneCreated or GameEventKind.GravestoneBroken
                    or GameEventKind.TradeOpened or GameEventKind.TradeUpdated or GameEventKind.TradeCompleted or GameEventKind.TradeCancelled:
                    if (e.Kind is GameEventKind.InventoryChanged or GameEventKind.EquipmentChanged)
                    {
                        gate.ItemsChanged(e.Subject, e.Transaction);
                    }

                    if (clients.TryGetByPlayer(e.Subject, out var owner))
                    {
                        Enqueue(owner, e, own: true);

                        // Opening or closing changes no component, so no world change brings the bank's pages.
                        if (e.Kind is GameEventKind.BankOpened or GameEventKind.BankClosed)
                        {
                            owner.BankPending = true;
                            owner.HasBacklog = true;
                        }

                        if (e.Kind is GameEventKind.ShopOpened or GameEventKind.ShopClosed)
                        {
                            owner.ShopPending = true;
                            owner.HasBacklog = true;
                        }
                    }

                    break;
                case GameEventKind.TradeRequested:
                    if (clients.TryGetByPlayer(e.Subject, out var asker))
                    {
                        Enqueue(asker, e, own: true);
                    }

                    if (clients.TryGetByPlayer(e.Other, out var asked))
                    {
                        Enqueue(asked, e, own: true);
                    }

                    break;
                case var kind when IsVisible(kind):
                    RouteVisible(e);
                    break;
                case GameEventKind.ShopRestocked:
                    // A restock changes no component: those with the shop open look again.
                    foreach (var client in clients.Order)
                    {
                        if (client.SentShop.ShopId == e.A)
                        {
                            client.ShopPending = true;
                            client.HasBacklog = true;
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>The events everyone who sees their subject is sent: damage, deaths, respawns, emotes, depleted nodes, projectiles.</summary>
    private static bool IsVisible(GameEventKind kind) =>
        kind is GameEventKind.Damage or GameEventKind.Died or GameEventKind.Respawned or GameEventKind.EmotePlayed or GameEventKind.ResourceDepleted or GameEventKind.Projectile;

    /// <summary>Queues a visible event for <paramref name="client"/>, if it tracks the subject.</summary>
    public void OfferVisibleEvent(ClientView client, Entity subject, in GameEvent gameEvent)
    {
        var slot = client.Map.Find(subject.Id);

        // Only clients that hold the subject: an event never names an entity the client does not know.
        if (slot >= 0 && client.Slots[slot].Entity == subject && client.Slots[slot].State == SlotState.Live)
        {
            Enqueue(client, gameEvent, own: gameEvent.Subject == client.PlayerNetworkId);
        }
    }

    /// <summary>
    /// An event about someone else that waited behind a held one goes out only while this client
    /// still shows its subject: the subject may have left its view meanwhile.
    /// </summary>
    public static bool StillVisible(ClientView client, in GameEvent gameEvent)
    {
        if (gameEvent.Subject == client.PlayerNetworkId
            || !IsVisible(gameEvent.Kind))
        {
            return true;
        }

        // By network id, since the subject may be gone from the world (a dead NPC) while the client
        // still shows it. Leaving still counts: its despawn goes out after this frame's events.
        // A scan of at most the view's size, and only for events that waited.
        for (var i = 0; i < client.ActiveCount; i++)
        {
            ref readonly var view = ref client.Slots[client.Active[i]];
            if (view.NetworkId == gameEvent.Subject)
            {
                return view.State is SlotState.Live or SlotState.Leaving;
            }
        }

        return false;
    }

    private void RouteVisible(in GameEvent gameEvent)
    {
        if (!snapshots.TryFind(gameEvent.Subject, out var id))
        {
            return;
        }

        var visitor = new EventAudienceVisitor { Router = this, Event = gameEvent, Subject = snapshots[id].Entity };
        clients.VisitViewers(id, ref visitor);
    }

    private void Enqueue(ClientView client, in GameEvent gameEvent, bool own)
    {
        if (client.EventCount == client.Events.Length)
        {
            if (client.EventCount >= options.MaxPendingEvents && !own)
            {
                // Others' hitsplats are what gives way; a player's own events are never dropped.
                counters.EventsDropped++;
                client.EventsDropped++;
                return;
            }

            client.GrowEvents();
        }

        client.Events[client.EventCount++] = gameEvent;
    }
}
