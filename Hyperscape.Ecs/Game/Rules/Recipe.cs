namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// How something is made (smelted, smithed, fletched, crafted, runecrafted): what it uses up, the
/// tools it needs kept in the pack, where it is made, the level, the XP and the odds. Data, from
/// <c>recipes.json</c>; one recipe per product, so the product's item id names it on the wire.
/// </summary>
/// <param name="ProductId">The item made.</param>
/// <param name="Quantity">How many one make gives (15 arrow shafts from one log).</param>
/// <param name="Skill">The skill trained.</param>
/// <param name="Level">The level needed.</param>
/// <param name="XpTenths">XP per make, in tenths (a bronze bar 62).</param>
/// <param name="Inputs">What one make uses up.</param>
/// <param name="Tools">Items needed in the pack and kept (a hammer, a knife).</param>
public sealed record Recipe(int ProductId, int Quantity, Skill Skill, int Level, int XpTenths, RecipeInput[] Inputs, int[] Tools)
{
    /// <summary>The string id content files name it by.</summary>
    public string Key { get; init; } = "";

    /// <summary>The kind of object it is made at (a furnace, an anvil, a rune altar), or null for anywhere.</summary>
    public WorldObjectKind? Station { get; init; }

    /// <summary>Ticks between makes ("make-X" makes one a tick like this).</summary>
    public int Ticks { get; init; } = 4;

    /// <summary>The chance in percent that a make succeeds (iron 50); a failure still uses the inputs up.</summary>
    public int SuccessPercent { get; init; } = 100;

    /// <summary>Levels from which each make gives <see cref="Quantity"/> more (runecrafting's multiple runes), ascending.</summary>
    public int[] MultiplesAt { get; init; } = [];

    /// <summary>True when one make uses every set of inputs carried at once (runecrafting crafts all the essence).</summary>
    public bool All { get; init; }

    /// <summary>How many one make gives at <paramref name="level"/>.</summary>
    public int QuantityAt(int level)
    {
        var times = 1;
        foreach (var from in MultiplesAt)
        {
            if (level >= from)
            {
                times++;
            }
        }

        return Quantity * times;
    }
}
