namespace Hyperscape.Ecs.Game.Components;

/// <summary>Facing, as a yaw in radians (0 faces north, +Z; increases clockwise toward east).</summary>
/// <param name="Yaw">The yaw in radians, in <c>(-π, π]</c>.</param>
public record struct Rotation(float Yaw);
