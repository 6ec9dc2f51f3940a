namespace Hyperscape.Ecs.Game.Components;

/// <summary>Marks a player character and names it.</summary>
/// <param name="CharacterId">The persistent character id.</param>
/// <param name="Name">The display name.</param>
public record struct Player(long CharacterId, DisplayName Name);
