using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Simulation;

public class ShopTests
{
    private static readonly Tile Keeper = new(20, 20);
    private SimulationHarness _harness = null!;
    private long _shopkeeper;

    [SetUp]
    public void CreateWorld()
    {
        _harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Shopkeeper, Keeper), new NpcSpawnPoint(NpcIds.ToolMerchant, new Tile(40, 40))]);
        _shopkeeper = _harness.NpcNear(Keeper);
    }

    private long Customer(params (int Item, int Quantity)[] items) =>
        _harness.Join(_harness.TileOf(_shopkeeper) with { Z = _harness.TileOf(_shopkeeper).Z + 1 }, s => s with { Inventory = SimulationHarness.InventoryOf(items) });

    private static int Line(int itemId) => Array.FindIndex(ShopStock.Stock, l => l.ItemId == itemId);

    private static ShopDefinition ShopStock => Ecs.Content.GameContent.Default.World.Shops.All.Single(s => s.Key == "general_store");

    [Test]
    public void Prices_are_the_value_at_the_shops_percentages()
    {
        // General store: players pay 100% of the value, the shop pays 40%, rounded down; never
        // less than a coin to buy.
        Assert.That(ShopStock.PriceToBuy(16), Is.EqualTo(16), "a bronze axe");
        Assert.That(ShopStock.PriceToSell(16), Is.EqualTo(6));
        Assert.That(ShopStock.PriceToBuy(0), Is.EqualTo(1));
        Assert.That(ShopStock.PriceToSell(1), Is.Zero);
    }

    [Test]
    public void Buying_costs_coins_and_stock_and_selling_pays_and_stocks()
    {
        var player = Customer((ItemIds.Coins, 100), (ItemIds.Logs, 1), (ItemIds.Logs, 1));
        Assert.That(_harness.Do(PlayerAction.ShopBuy(player, 0, 1)), Is.EqualTo(RejectionReason.NoShop));
        Assert.That(_harness.Do(PlayerAction.Interact(player, _shopkeeper)), Is.EqualTo(RejectionReason.None));
        Assert.That(_harness.Events(GameEventKind.ShopOpened).Single().A, Is.EqualTo(ShopStock.Id));

        var axe = Line(ItemIds.BronzeAxe);
        Assert.That(_harness.Do(PlayerAction.ShopBuy(player, axe, 2)), Is.EqualTo(RejectionReason.None));
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.BronzeAxe), Is.EqualTo(2));
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.Coins), Is.EqualTo(100 - 32), "16 coins each");
        var shop = _harness.Sim.Context.Shops[ShopStock.Id];
        Assert.That(shop.Lines[axe].Quantity, Is.EqualTo(3));

        // Logs are not on the general store's list, but a general store buys anything: 40% of 4 is 1.
        Assert.That(_harness.Do(PlayerAction.ShopSell(player, InventoryRules.FindStack(_harness.Get<Inventory>(player), ItemIds.Logs), 0)), Is.EqualTo(RejectionReason.None));
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.Logs), Is.Zero);
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.Coins), Is.EqualTo(68 + 2));
        Assert.That(shop.Lines[^1], Is.EqualTo(new Ecs.Game.Shops.StockLine(ItemIds.Logs, 2, 0)), "a new line for what was sold");
        Assert.That(_harness.Do(PlayerAction.ShopSell(player, 0, 1)), Is.EqualTo(RejectionReason.ShopWontBuy), "nobody buys coins");
        Assert.That(_harness.Events(GameEventKind.InventoryChanged).Count(e => e.Subject == player), Is.EqualTo(2));
    }

    [Test]
    public void Refusals_say_why_and_change_nothing()
    {
        var player = Customer((ItemIds.Coins, 20), (ItemIds.Logs, 1));
        _harness.Do(PlayerAction.Interact(player, _shopkeeper));
        var before = _harness.Get<Inventory>(player);
        Assert.That(_harness.Do(PlayerAction.ShopBuy(player, Line(ItemIds.BronzeAxe), 2)), Is.EqualTo(RejectionReason.NotEnoughCoins), "32 coins for two");
        Assert.That(_harness.Do(PlayerAction.ShopBuy(player, 99, 1)), Is.EqualTo(RejectionReason.InvalidSlot));
        Assert.That(_harness.Do(PlayerAction.ShopBuy(player, 0, 0)), Is.EqualTo(RejectionReason.InvalidQuantity));
        var after = _harness.Get<Inventory>(player);
        Assert.That(((ReadOnlySpan<ItemStack>)after.Slots).SequenceEqual(before.Slots), Is.True);
        Assert.That(_harness.Do(PlayerAction.Attack(player, _shopkeeper)), Is.EqualTo(RejectionReason.InvalidTarget), "shopkeepers cannot be attacked");

        // A specialist buys only its own lines.
        var merchant = _harness.NpcNear(new Tile(40, 40));
        var other = _harness.Join(_harness.TileOf(merchant) with { X = _harness.TileOf(merchant).X + 1 }, s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Logs, 1), (ItemIds.BronzeAxe, 1)) });
        Assert.That(_harness.Do(PlayerAction.Interact(other, merchant)), Is.EqualTo(RejectionReason.None));
        Assert.That(_harness.Do(PlayerAction.ShopSell(other, 0, 1)), Is.EqualTo(RejectionReason.ShopWontBuy));
        Assert.That(_harness.Do(PlayerAction.ShopSell(other, 1, 1)), Is.EqualTo(RejectionReason.None), "an axe, at 55% of 16");
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(other), ItemIds.Coins), Is.EqualTo(8));
    }

    [Test]
    public void Stock_runs_out_and_comes_back_and_walking_away_closes_the_shop()
    {
        var player = Customer((ItemIds.Coins, 10_000));
        _harness.Do(PlayerAction.Interact(player, _shopkeeper));
        var pickaxe = Line(ItemIds.BronzePickaxe);
        Assert.That(_harness.Do(PlayerAction.ShopBuy(player, pickaxe, 50)), Is.EqualTo(RejectionReason.None), "as many as there are");
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.BronzePickaxe), Is.EqualTo(5));
        Assert.That(_harness.Do(PlayerAction.ShopBuy(player, pickaxe, 1)), Is.EqualTo(RejectionReason.OutOfStock));

        _harness.Step(ShopStock.RestockTicks * 2);
        Assert.That(_harness.Sim.Context.Shops[ShopStock.Id].Lines[pickaxe].Quantity, Is.EqualTo(2), "one a restock");
        Assert.That(_harness.Events(GameEventKind.ShopRestocked), Is.Not.Empty);

        Assert.That(_harness.Do(PlayerAction.Move(player, 5, 5)), Is.EqualTo(RejectionReason.None));
        Assert.That(_harness.Events(GameEventKind.ShopClosed).Single().Subject, Is.EqualTo(player));
        Assert.That(_harness.Do(PlayerAction.ShopBuy(player, pickaxe, 1)), Is.EqualTo(RejectionReason.NoShop));
    }
}
