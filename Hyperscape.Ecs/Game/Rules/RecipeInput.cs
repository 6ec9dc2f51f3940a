namespace Hyperscape.Ecs.Game.Rules;

/// <summary>An item a recipe uses up, and how many of it one make takes.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Quantity">How many one make takes.</param>
public readonly record struct RecipeInput(int ItemId, int Quantity);
