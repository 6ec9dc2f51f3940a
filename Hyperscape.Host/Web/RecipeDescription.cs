namespace Hyperscape.Host.Web;

/// <summary>A recipe as the browser client offers it: <c>Make</c> names it by <paramref name="Product"/>.</summary>
/// <param name="Product">The item made (the action's value).</param>
/// <param name="Quantity">How many one make gives (at the recipe's level).</param>
/// <param name="Skill">The skill trained, in lowercase.</param>
/// <param name="Level">The level needed.</param>
/// <param name="XpTenths">XP per make, in tenths.</param>
/// <param name="Station">The world object kind it is made at, 0 for anywhere.</param>
/// <param name="Inputs">What one make uses up, as [item, quantity] pairs.</param>
/// <param name="Tools">Items carried and kept.</param>
public sealed record RecipeDescription(int Product, int Quantity, string Skill, int Level, int XpTenths, int Station, IReadOnlyList<int[]> Inputs, IReadOnlyList<int> Tools);
