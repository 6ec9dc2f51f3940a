namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// A kind of resource node (a tree, a rock, a fishing spot): what it takes to work it, what it
/// gives, and how it runs out. Data, from <c>resources.json</c>.
/// </summary>
/// <param name="Id">The resource type id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Skill">The skill that works it.</param>
/// <param name="Level">The level needed.</param>
/// <param name="XpTenths">XP per product, in tenths (oak 375).</param>
/// <param name="ProductId">The item each success gives.</param>
/// <param name="Tools">The tools that work it, each with its roll; the best one carried is used.</param>
public sealed record ResourceDefinition(int Id, string Name, Skill Skill, int Level, int XpTenths, int ProductId, ResourceTool[] Tools)
{
    /// <summary>The string id content files name it by.</summary>
    public string Key { get; init; } = Content.ContentKey.Of(Name);

    /// <summary>Ticks between rolls (woodcutting 4, as Hyperscape has it).</summary>
    public int RollTicks { get; init; } = 4;

    /// <summary>A success depletes the node with chance 1 in this (1: always, as a rock; 0: never, as a fishing spot).</summary>
    public int DepleteOneIn { get; init; }

    /// <summary>Ticks a depleted node takes to come back.</summary>
    public int RespawnTicks { get; init; } = 50;

    /// <summary>Ticks between moves for a node that moves (a fishing spot), 0 for one that stays.</summary>
    public int MoveTicks { get; init; }

    /// <summary>An item used up by each success (bait, feathers), 0 for none.</summary>
    public int ConsumesItemId { get; init; }

    /// <summary>True when the node stands on its tile and blocks it (trees, rocks; not fishing spots, which stand on water).</summary>
    public bool Blocks { get; init; } = true;
}
