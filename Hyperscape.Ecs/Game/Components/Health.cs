namespace Hyperscape.Ecs.Game.Components;

/// <summary>Hitpoints. A player's maximum equals its constitution level.</summary>
/// <param name="Current">Current health; 0 means dead.</param>
/// <param name="Max">Maximum health.</param>
public record struct Health(int Current, int Max)
{
    /// <summary>True at 0 health.</summary>
    public readonly bool IsDead => Current <= 0;
}
