// README:begin
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Store;

/// <summary>A poisoned creature: it takes <c>Damage</c> every 30 ticks, <c>Doses</c> more times.</summary>
public record struct Poisoned(int Damage, int Doses);

/// <summary>Deals poison damage; the health bar and the hitsplat reach clients like any other damage.</summary>
public sealed class PoisonSystem(TickContext tick) : IGameSystem
{
    public const int Interval = 30;

    private readonly Query _poisoned = tick.World.Query(new QueryDescription().WithAll<Poisoned, Health>().WithNone<Dying>());
    private readonly CommandBuffer _cured = new(tick.World);

    public void Update(TickContext context)
    {
        if (context.Tick % Interval != 0)
        {
            return;
        }

        foreach (var chunk in _poisoned.GetChunks())
        {
            var poison = chunk.GetSpan<Poisoned>();
            var health = chunk.GetSpan<Health>();
            for (var i = 0; i < chunk.Count; i++)
            {
                var hit = Math.Min(poison[i].Damage, health[i].Current);
                health[i].Current -= hit;
                context.Emit(new GameEvent(GameEventKind.Damage, context.NetworkIdOf(chunk.Entities[i]), A: hit, B: health[i].Current));
                if (--poison[i].Doses == 0)
                {
                    _cured.Remove<Poisoned>(chunk.Entities[i]);
                }
            }
        }

        _cured.Playback();
    }
}
// README:end
