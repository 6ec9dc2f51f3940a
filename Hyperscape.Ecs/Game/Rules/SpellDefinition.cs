using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Ecs.Game.Rules;

/// <summary>A combat spell of the spellbook: the level, the runes a cast uses up, its max hit and XP. Data, from <c>spells.json</c>.</summary>
/// <param name="Id">The spell's number on the wire (its place in the file, from 1).</param>
/// <param name="Name">Display name.</param>
/// <param name="Level">The magic level needed.</param>
/// <param name="XpTenths">The base XP of a cast, in tenths (a cast earns it even when it misses).</param>
/// <param name="MaxHit">The spell's max hit.</param>
/// <param name="Runes">The runes one cast uses up (a staff can provide one kind).</param>
public sealed record SpellDefinition(int Id, string Name, int Level, int XpTenths, int MaxHit, ItemStack[] Runes)
{
    /// <summary>The string id content files name it by.</summary>
    public string Key { get; init; } = Content.ContentKey.Of(Name);
}
