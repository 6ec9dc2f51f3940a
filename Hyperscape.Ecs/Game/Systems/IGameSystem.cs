namespace Hyperscape.Ecs.Game.Systems;

/// <summary>One phase of the tick.</summary>
public interface IGameSystem
{
    /// <summary>Runs the phase for <see cref="GameContext.Tick"/>.</summary>
    void Update(GameContext context);
}
