using Hyperscape.Ecs.Game.Actions;

namespace Hyperscape.Ecs.Game.Events;

/// <summary>
/// One observable fact of a tick. A flat record so the event list is one array of structs, reused
/// every tick; <see cref="GameEventKind"/> documents which fields each kind uses.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Subject">The network id the event is about.</param>
/// <param name="Other">A second network id, when there is one.</param>
/// <param name="A">First argument.</param>
/// <param name="B">Second argument.</param>
/// <param name="C">Third argument.</param>
/// <param name="Reason">Why an action was refused or a trade cancelled.</param>
/// <param name="Transaction">
/// The item transaction this event belongs to, or 0. Every item movement of one game operation
/// (pickup, drop, equip, eat, trade, death) shares one id, so a host can persist it atomically.
/// </param>
public readonly record struct GameEvent(
    GameEventKind Kind,
    long Subject,
    long Other = 0,
    int A = 0,
    int B = 0,
    int C = 0,
    RejectionReason Reason = RejectionReason.None,
    long Transaction = 0);
