using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game;

/// <summary>A projectile in flight: its damage, rolled when it was shot, lands on <paramref name="LandTick"/>.</summary>
/// <param name="Attacker">Who shot it.</param>
/// <param name="Target">Who it flies at.</param>
/// <param name="Damage">The damage rolled (0 for a miss).</param>
/// <param name="LandTick">The tick it lands.</param>
/// <param name="Style">The shooter's stance when it shot, for the XP.</param>
/// <param name="AttackerId">The shooter's network id (the hit lands even if the shooter has left).</param>
/// <param name="Type">Ranged or magic: which XP the hit earns.</param>
/// <param name="BaseXpTenths">A spell's base XP, earned on landing even by a splash; 0 for arrows.</param>
internal readonly record struct PendingHit(Entity Attacker, Entity Target, int Damage, long LandTick, AttackStyle Style, long AttackerId, AttackType Type = AttackType.Ranged, int BaseXpTenths = 0);
