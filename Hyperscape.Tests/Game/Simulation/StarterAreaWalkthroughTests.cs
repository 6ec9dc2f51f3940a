using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Simulation;

/// <summary>
/// A new character walks the default world's starter area as a player would: buys a tinderbox
/// and a hammer, chops a tree, lights a fire, nets shrimps and cooks them, mines copper and tin,
/// smelts a bronze bar at the furnace, smiths a dagger at the anvil, banks it, sells shrimps at
/// the store and runs a lap of the agility course. Levels, XP and the bank afterwards are what
/// the data says.
/// </summary>
public class StarterAreaWalkthroughTests
{
    private Ecs.Game.Simulation _sim = null!;
    private readonly List<GameEvent> _log = [];
    private long _player;

    [SetUp]
    public void EnterTheDefaultWorld()
    {
        // The default world as shipped, without its fighting NPCs (an aggressive goblin would
        // make this a different walk); the shopkeepers stay.
        var world = SimulationOptions.CreateDefault(seed: 3);
        world = world with { NpcSpawns = [.. world.NpcSpawns.Where(s => world.Npcs[s.DefinitionId].ShopId != 0)] };
        _sim = new Ecs.Game.Simulation(world);
        _player = _sim.Join(_sim.NewCharacter("Walker") with { CharacterId = 1 });
        Step();
    }

    [TearDown]
    public void LeaveTheWorld() => _sim.Dispose();

    private void Step(int ticks = 1)
    {
        for (var i = 0; i < ticks; i++)
        {
            _sim.Step();
            _log.AddRange(_sim.Events.ToArray());
        }
    }

    private T Get<T>(long id)
        where T : unmanaged
    {
        _sim.TryResolve(id, out var entity);
        return _sim.World.GetReadOnly<T>(entity);
    }

    private Tile Here => Get<Position>(_player).Tile;

    private int Slot(int itemId) => InventoryRules.FindStack(Get<Inventory>(_player), itemId);

    private long Carried(int itemId) => InventoryRules.CountOf(Get<Inventory>(_player), itemId);

    /// <summary>Applies an action and steps until it has been applied; fails the walk on a refusal.</summary>
    private void Do(PlayerAction action, string what)
    {
        var before = _log.Count;
        _sim.Enqueue(action);
        Step();
        var refused = _log.Skip(before).FirstOrDefault(e => e.Kind == GameEventKind.ActionRejected && e.Subject == _player);
        Assert.That(refused.Kind, Is.Not.EqualTo(GameEventKind.ActionRejected), $"{what}: refused with {refused.Reason}");
    }

    private void WalkTo(Tile tile)
    {
        Do(PlayerAction.Move(_player, tile.X, tile.Z), $"walk to {tile}");
        for (var i = 0; i < 100 && Here != tile; i++)
        {
            Step();
        }

        Assert.That(Here, Is.EqualTo(tile), "arrived");
    }

    private void Until(Func<bool> done, int ticks, string what)
    {
        for (var i = 0; i < ticks && !done(); i++)
        {
            Step();
        }

        Assert.That(done(), Is.True, what);
    }

    private long EntityAt(Tile tile, Func<Ecs.Store.Entity, bool> kind)
    {
        foreach (var chunk in _sim.World.Query(new Ecs.Store.QueryDescription().WithAll<Position, NetworkIdentity>()).GetChunks())
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                if (chunk.GetReadOnlySpan<Position>()[i].Tile == tile && kind(chunk.Entities[i]))
                {
                    return chunk.GetReadOnlySpan<NetworkIdentity>()[i].Id;
                }
            }
        }

        Assert.Fail($"nothing of that kind at {tile}");
        return 0;
    }

    private long Shopkeeper()
    {
        foreach (var chunk in _sim.World.Query(new Ecs.Store.QueryDescription().WithAll<Npc, NetworkIdentity>()).GetChunks())
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                if (chunk.GetReadOnlySpan<Npc>()[i].DefinitionId == NpcIds.Shopkeeper)
                {
                    return chunk.GetReadOnlySpan<NetworkIdentity>()[i].Id;
                }
            }
        }

        Assert.Fail("no shopkeeper");
        return 0;
    }

    [Test]
    public void A_new_player_gathers_makes_banks_and_sells_across_the_starter_area()
    {
        var content = _sim.Context.Options;

        // The store: a tinderbox for a coin.
        var keeper = Shopkeeper();
        WalkTo(Get<Position>(keeper).Tile with { Z = Get<Position>(keeper).Tile.Z + 1 });
        Do(PlayerAction.Interact(_player, keeper), "talk to the shopkeeper");
        var store = _sim.Context.Shops.All.Single(s => s.Definition.General);
        Do(PlayerAction.ShopBuy(_player, store.IndexOf(ItemIds.Tinderbox), 1), "buy a tinderbox");
        Do(PlayerAction.ShopBuy(_player, store.IndexOf(ItemIds.Hammer), 1), "buy a hammer");
        Assert.That((Carried(ItemIds.Tinderbox), Carried(ItemIds.Hammer)), Is.EqualTo((1L, 1L)));
        Assert.That(Carried(ItemIds.Coins), Is.EqualTo(23), "a tinderbox and a hammer are worth a coin each");

        // A tree west of the spawn: one log (a normal tree gives one and falls), 25 woodcutting XP.
        var tree = EntityAt(new Tile(104, 120), e => _sim.World.Has<ResourceNode>(e));
        Do(PlayerAction.Interact(_player, tree), "chop the tree");
        Until(() => Carried(ItemIds.Logs) == 1, 400, "a log chopped");
        Assert.That(Get<Skills>(_player).XpTenths(Skill.Woodcutting), Is.EqualTo(250));

        // Light it where we stand: 40 firemaking XP and a fire.
        WalkTo(new Tile(96, 120));
        Do(PlayerAction.Light(_player, Slot(ItemIds.Logs)), "light the logs");
        Until(() => _log.Any(e => e.Kind == GameEventKind.Made && e.C == (int)Skill.Firemaking), 400, "the fire lit");
        var fire = _log.Last(e => e.Kind == GameEventKind.Made && e.C == (int)Skill.Firemaking).Other;
        Assert.That(Get<Skills>(_player).XpTenths(Skill.Firemaking), Is.EqualTo(400));

        // Shrimps from the net spot at the lake's edge, 10 fishing XP each.
        var spot = EntityAt(new Tile(92, 118), e => _sim.World.Has<ResourceNode>(e));
        Do(PlayerAction.Interact(_player, spot), "net shrimps");
        Until(() => Carried(ItemIds.RawShrimps) >= 3, 400, "three shrimps netted");
        Do(PlayerAction.Move(_player, 95, 120), "stop fishing");
        var netted = Carried(ItemIds.RawShrimps);
        Assert.That(Get<Skills>(_player).XpTenths(Skill.Fishing), Is.EqualTo(netted * 100));

        // Cook them all on the fire: 30 XP for each cooked, none for each burnt.
        WalkTo(new Tile(95, 120));
        Do(PlayerAction.UseItemOnObject(_player, Slot(ItemIds.RawShrimps), fire), "cook the shrimps");
        Until(() => Carried(ItemIds.RawShrimps) == 0, 200, "all shrimps cooked or burnt");
        var cooked = _log.Count(e => e.Kind == GameEventKind.Made && e.C == (int)Skill.Cooking);
        Assert.That(Carried(ItemIds.BurntFish) + cooked, Is.EqualTo(netted));
        Assert.That(Get<Skills>(_player).XpTenths(Skill.Cooking), Is.EqualTo(cooked * 300));

        // Copper and tin north of the spawn: 17.5 mining XP an ore; a rock empties after one.
        var rock = EntityAt(new Tile(122, 118), e => _sim.World.Has<ResourceNode>(e));
        Do(PlayerAction.Interact(_player, rock), "mine copper");
        Until(() => Carried(ItemIds.CopperOre) == 1, 400, "a copper ore mined");
        rock = EntityAt(new Tile(125, 118), e => _sim.World.Has<ResourceNode>(e));
        Do(PlayerAction.Interact(_player, rock), "mine tin");
        Until(() => Carried(ItemIds.TinOre) == 1, 400, "a tin ore mined");
        Assert.That(Get<Skills>(_player).XpTenths(Skill.Mining), Is.EqualTo(350));

        // Smelt them into a bronze bar at the furnace (6.2 XP), smith a dagger at the anvil (12.5).
        var furnace = EntityAt(new Tile(130, 121), e => _sim.World.Has<WorldObject>(e));
        WalkTo(new Tile(130, 122));
        Do(PlayerAction.Make(_player, ItemIds.BronzeBar, furnace), "smelt a bronze bar");
        Until(() => Carried(ItemIds.BronzeBar) == 1, 20, "a bronze bar");
        var anvil = EntityAt(new Tile(133, 121), e => _sim.World.Has<WorldObject>(e));
        WalkTo(new Tile(133, 122));
        Do(PlayerAction.Make(_player, ItemIds.BronzeDagger, anvil), "smith a dagger");
        Until(() => Carried(ItemIds.BronzeDagger) == 1, 20, "a bronze dagger");
        Assert.That((Carried(ItemIds.CopperOre), Carried(ItemIds.TinOre), Carried(ItemIds.BronzeBar), Carried(ItemIds.Hammer)), Is.EqualTo((0L, 0L, 0L, 1L)));
        Assert.That(Get<Skills>(_player).XpTenths(Skill.Smithing), Is.EqualTo(62 + 125));

        // Bank the dagger at the booth east of the spawn.
        var booth = EntityAt(content.Objects[0].Tile, e => _sim.World.Has<WorldObject>(e));
        WalkTo(content.Objects[0].Tile with { X = content.Objects[0].Tile.X - 1 });
        Do(PlayerAction.Interact(_player, booth), "open the bank");
        Do(PlayerAction.BankDeposit(_player, Slot(ItemIds.BronzeDagger), 0), "bank the dagger");
        Assert.That(_sim.Context.Banks[_player].ToArray(), Is.EqualTo(new[] { new ItemStack(ItemIds.BronzeDagger, 1) }));

        // Sell the starter shrimps back to the store: 40% of 5 is 2 coins each.
        var coins = Carried(ItemIds.Coins);
        var starterShrimps = Carried(ItemIds.Shrimps) - cooked;
        keeper = Shopkeeper();
        WalkTo(Get<Position>(keeper).Tile with { Z = Get<Position>(keeper).Tile.Z + 1 });
        Do(PlayerAction.Interact(_player, keeper), "talk to the shopkeeper again");
        Do(PlayerAction.ShopSell(_player, Slot(ItemIds.Shrimps), 0), "sell every shrimp");
        Assert.That(Carried(ItemIds.Coins), Is.EqualTo(coins + ((starterShrimps + cooked) * 2)));
        Assert.That(starterShrimps, Is.EqualTo(5), "five came with the character");

        // A lap of the agility course east of town: each obstacle walked to and crossed in turn
        // (its rope and log can be failed: a fall lands beside it, and the lap starts over).
        var course = content.AgilityCourses.Single();
        var laps = 0;
        for (var attempt = 0; attempt < 10 && laps == 0; attempt++)
        {
            foreach (var obstacle in course.Obstacles)
            {
                Do(PlayerAction.Interact(_player, EntityAt(obstacle.At, e => _sim.World.Has<WorldObject>(e))), $"cross the {obstacle.Name}");
                Until(() => !Get<Agility>(_player).Crossing && Get<Agility>(_player).Obstacle.IsNull, 200, $"over the {obstacle.Name} or off it");
                if (Here != obstacle.Landing)
                {
                    break;
                }
            }

            laps = _log.Count(e => e.Kind == GameEventKind.LapCompleted);
        }

        var crossings = _log.Count(e => e.Kind == GameEventKind.ObstacleCrossed && e.A == 1);
        Assert.That(laps, Is.EqualTo(1), "a lap run");
        Assert.That(Get<Skills>(_player).XpTenths(Skill.Agility), Is.EqualTo(XpTable.XpForLevel(1) * 10 + (crossings * 75) + 390), "7.5 an obstacle and 39 for the lap");

        // Levels from the XP table: none of these reach level 2 (83 XP) but fishing can.
        var skills = Get<Skills>(_player);
        foreach (var skill in new[] { Skill.Woodcutting, Skill.Firemaking, Skill.Mining, Skill.Cooking, Skill.Fishing, Skill.Smithing, Skill.Agility })
        {
            Assert.That(skills.Level(skill), Is.EqualTo(XpTable.LevelForXpTenths(skills.XpTenths(skill))), skill.ToString());
        }
    }
}
