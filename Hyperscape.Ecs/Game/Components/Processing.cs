using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>A player making something: lighting logs, or cooking a batch ("make-X") at a fire or range.</summary>
public struct Processing
{
    /// <summary>What is being made; None when idle.</summary>
    public ProcessingKind Kind;

    /// <summary>The item used: the logs, or the raw food.</summary>
    public int ItemId;

    /// <summary>The fire or range cooked on.</summary>
    public Entity Station;

    /// <summary>How many more to make.</summary>
    public int Remaining;

    /// <summary>The tick of the next attempt.</summary>
    public long NextTick;

    /// <summary>True while making something.</summary>
    public readonly bool Active => Kind != ProcessingKind.None;
}
