namespace Hyperscape.Ecs.Game.Components;

/// <summary>The animation an entity is playing.</summary>
/// <param name="Id">The emote id; 0 for none.</param>
/// <param name="UntilTick">The tick the emote ends.</param>
public record struct Emote(int Id, long UntilTick);
