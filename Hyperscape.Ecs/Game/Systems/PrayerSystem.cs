using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Drains the prayer points of everyone praying, at OSRS's rates (drain effect per tick against
/// a resistance of 60 plus twice the prayer bonus); a player whose points run out stops praying.
/// </summary>
internal sealed class PrayerSystem : IGameSystem
{
    private static readonly QueryDescription Praying = new QueryDescription().WithAll<PrayerState, CombatBonuses>().WithNone<Dying>();
    private readonly Query _praying;

    /// <summary>Creates the system and resolves its query once.</summary>
    public PrayerSystem(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _praying = world.Query(Praying);
    }

    /// <inheritdoc />
    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;
        foreach (var chunk in _praying.GetChunks())
        {
            var prayers = chunk.GetSpan<PrayerState>();
            var bonuses = chunk.GetReadOnlySpan<CombatBonuses>();
            var entities = chunk.Entities;
            for (var i = 0; i < prayers.Length; i++)
            {
                if (prayers[i].Active != 0 && PrayerRules.Drain(context.Prayers, ref prayers[i], bonuses[i].Bonuses.Prayer))
                {
                    context.Emit(new GameEvent(GameEventKind.PrayerDrained, context.NetworkIdOf(entities[i])));
                }
            }
        }
    }
}
