using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Game.Spatial;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>Finds the nearest player an aggressive NPC is willing to attack; ties go to the lower entity id.</summary>
internal struct NearestPlayerVisitor : ISpatialVisitor
{
    public World World;
    public Tile From;
    public int NpcLevel;
    public Entity Best;
    public int BestDistance;

    public void Visit(Entity entity, Tile tile)
    {
        var distance = tile.DistanceTo(From);
        var better = distance < BestDistance || (distance == BestDistance && entity.Id < Best.Id);
        if (better && NpcRules.WillAggro(NpcLevel, World.GetReadOnly<Skills>(entity).CombatLevel))
        {
            Best = entity;
            BestDistance = distance;
        }
    }
}
