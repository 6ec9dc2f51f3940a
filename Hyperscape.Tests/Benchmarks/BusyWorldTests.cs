using Hyperscape.Benchmarks.Game;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Benchmarks;

/// <summary>The full-tick benchmark's worlds do what its table says they do.</summary>
public class BusyWorldTests
{
    [Test]
    public void In_the_gathering_workload_the_busy_half_chops_mines_fishes_smelts_and_fletches_throughout()
    {
        var world = new BusyWorld(players: 300, npcs: 400, walkOrdersPerTick: 10, BusyWorkload.Gathering);
        var gathered = new Dictionary<Skill, int>();
        var madeEarly = new Dictionary<Skill, int>();
        var madeLate = new Dictionary<Skill, int>();
        var early = 0;
        var late = 0;
        for (var tick = 0; tick < 120; tick++)
        {
            world.QueueWalkOrders();
            world.Simulation.Step();
            var catches = 0;
            foreach (var e in world.Simulation.Events)
            {
                if (e.Kind == GameEventKind.Made)
                {
                    var made = tick < 60 ? madeEarly : madeLate;
                    made[(Skill)e.C] = made.GetValueOrDefault((Skill)e.C) + 1;
                }

                if (e.Kind == GameEventKind.Gathered)
                {
                    gathered[(Skill)e.C] = gathered.GetValueOrDefault((Skill)e.C) + 1;
                    catches++;
                }
            }

            early += tick < 60 ? catches : 0;
            late += tick >= 60 ? catches : 0;
        }

        Assert.That(gathered.Keys, Is.EquivalentTo(new[] { Skill.Woodcutting, Skill.Mining, Skill.Fishing }));
        Assert.That(gathered.Values.Sum(), Is.GreaterThan(100 * 120 / 5 / 10), "100 gatherers keep gathering: at least a tenth of their rolls land");
        // 25 smelters and 25 fletchers: a bar every 4 ticks, shafts every 3, kits refilled as from a bank.
        Assert.That(madeEarly.Keys, Is.EquivalentTo(new[] { Skill.Smithing, Skill.Fletching }));
        Assert.That(madeEarly.Values.Concat(madeLate.Values), Has.All.GreaterThanOrEqualTo(25 * 10), "each makes at least 10 in each half of the run");
        Assert.That(madeLate.Keys, Is.EquivalentTo(madeEarly.Keys));
        Assert.That(late, Is.GreaterThan(early * 3 / 4), $"they are sent back when they stop, so the work does not dry up ({early} catches in the first 60 ticks, {late} in the next)");
    }

    [Test]
    public void In_the_fighting_workload_archers_shoot_and_mages_cast_beside_the_melee()
    {
        var world = new BusyWorld(players: 200, npcs: 300, walkOrdersPerTick: 10);
        var shots = new Dictionary<long, int>();
        var melee = 0;
        for (var tick = 0; tick < 60; tick++)
        {
            world.QueueWalkOrders();
            world.Simulation.Step();
            foreach (var e in world.Simulation.Events)
            {
                if (e.Kind == GameEventKind.Projectile && e.A == 2)
                {
                    // Counted apart below: a mage casts every 5 ticks, 12 times in 60.
                    shots[e.Subject] = shots.GetValueOrDefault(e.Subject) + 1;
                }
                else if (e.Kind == GameEventKind.Projectile)
                {
                    shots[e.Subject] = shots.GetValueOrDefault(e.Subject) + 1;
                }
                else if (e.Kind == GameEventKind.Damage && !shots.ContainsKey(e.Other))
                {
                    melee++;
                }
            }
        }

        // 100 fighters, one in six with a shortbow (16 archers: accurate, rapid and longrange) and
        // one in six with a staff of air autocasting Wind Strike (16 mages).
        var arrows = shots.Where(s => s.Value != 12).ToList();
        var spells = shots.Where(s => s.Value == 12).ToList();
        Assert.That((arrows.Count, spells.Count), Is.EqualTo((16, 16)), "every archer shoots and every mage casts");
        Assert.That(arrows.Select(s => s.Value).Distinct().Order(), Is.EqualTo(new[] { 15, 20 }), "60 ticks: every 4 ticks accurate or longrange, every 3 rapid");
        Assert.That(melee, Is.GreaterThan(80 * 60 / 7), "the melee fighters swing meanwhile");
    }
}
