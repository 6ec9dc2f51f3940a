namespace Hyperscape.Host.Web;

/// <summary>An NPC type as the browser client shows it.</summary>
/// <param name="Id">The type id the wire carries.</param>
/// <param name="Name">Its name.</param>
/// <param name="CombatLevel">Its combat level.</param>
/// <param name="Hitpoints">Its full health.</param>
/// <param name="Aggressive">True when it attacks players on sight.</param>
/// <param name="Shop">The shop it keeps (0: none); a shopkeeper is talked to, not attacked.</param>
public sealed record NpcDescription(int Id, string Name, int CombatLevel, int Hitpoints, bool Aggressive, int Shop);
