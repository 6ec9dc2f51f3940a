using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Spatial;

/// <summary>Receives the entities of a <see cref="SpatialGrid"/> range query. Implement on a struct.</summary>
internal interface ISpatialVisitor
{
    /// <summary>Called for each entity in range.</summary>
    void Visit(Entity entity, Tile tile);
}
