using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>Every 100 ticks, everyone out of combat for 17+ ticks regains one hitpoint.</summary>
internal sealed class RegenerationSystem : IGameSystem
{
    /// <summary>Ticks between regeneration pulses.</summary>
    public const int IntervalTicks = 100;

    private static readonly QueryDescription Living = new QueryDescription().WithAll<Health, CombatState>().WithNone<Dying>();
    private readonly Query _living;

    /// <summary>Creates the system and resolves its query once.</summary>
    public RegenerationSystem(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _living = world.Query(Living);
    }

    /// <inheritdoc />
    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;
        if (context.Tick % IntervalTicks != 0)
        {
            return;
        }

        foreach (var chunk in _living.GetChunks())
        {
            var combats = chunk.GetReadOnlySpan<CombatState>();
            var healths = chunk.GetSpan<Health>();
            for (var i = 0; i < healths.Length; i++)
            {
                ref var health = ref healths[i];
                if (health.Current > 0 && health.Current < health.Max && !combats[i].InCombat(context.Tick))
                {
                    health.Current++;
                }
            }
        }
    }
}
