namespace Hyperscape.Ecs.Game.Pipeline;

/// <summary>Where an embedder's system runs relative to its anchor phase.</summary>
public enum SystemPlacement
{
    /// <summary>Just before the anchor phase (after any system placed there earlier).</summary>
    Before,

    /// <summary>Just after the anchor phase (after any system placed there earlier).</summary>
    After,
}
