using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Persistence;

/// <summary>The part of a character saved every 30 seconds: where it is and how strong.</summary>
/// <param name="CharacterId">The character.</param>
/// <param name="Position">Its position.</param>
/// <param name="Health">Its health.</param>
/// <param name="Skills">Levels and XP.</param>
/// <param name="AttackStyle">Combat preference.</param>
/// <param name="AutoRetaliate">Combat preference.</param>
/// <param name="Running">Movement preference.</param>
/// <param name="PrayerPoints">Prayer points left.</param>
/// <param name="ActivePrayers">The prayers on, one bit per <see cref="Prayer"/>.</param>
/// <param name="Autocast">The spell its staff autocasts, 0 none.</param>
public sealed record CharacterProgress(
    long CharacterId,
    Position Position,
    Health Health,
    Skills Skills,
    AttackStyle AttackStyle,
    bool AutoRetaliate,
    bool Running,
    int PrayerPoints,
    int ActivePrayers,
    int Autocast = 0);
