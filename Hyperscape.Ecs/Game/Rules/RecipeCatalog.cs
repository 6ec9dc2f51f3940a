namespace Hyperscape.Ecs.Game.Rules;

/// <summary>The recipes of a world, by the item each makes.</summary>
public sealed class RecipeCatalog
{
    private readonly Dictionary<int, Recipe> _byProduct;

    /// <summary>Builds a catalog; no two recipes may make the same item.</summary>
    public RecipeCatalog(IEnumerable<Recipe> recipes)
    {
        ArgumentNullException.ThrowIfNull(recipes);
        var list = recipes.ToArray();
        _byProduct = new Dictionary<int, Recipe>(list.Length);
        foreach (var recipe in list)
        {
            if (!_byProduct.TryAdd(recipe.ProductId, recipe))
            {
                throw new ArgumentException($"Two recipes make item {recipe.ProductId}: a product names one recipe.", nameof(recipes));
            }
        }

        All = list;
    }

    /// <summary>A world where nothing is made from recipes.</summary>
    public static RecipeCatalog Empty { get; } = new([]);

    /// <summary>The recipes of the default world (<see cref="Content.GameContent.Default"/>).</summary>
    public static RecipeCatalog Standard => Content.GameContent.Default.Recipes;

    /// <summary>Every recipe, in file order.</summary>
    public IReadOnlyList<Recipe> All { get; }

    /// <summary>The recipe that makes an item; false when nothing does.</summary>
    public bool TryGet(int productId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Recipe? recipe) =>
        _byProduct.TryGetValue(productId, out recipe);
}
