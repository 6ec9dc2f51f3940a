using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Banking;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Rules;

public class BankRulesTests
{
    [Test]
    public void Every_item_stacks_in_one_slot_and_slots_stay_where_they_are()
    {
        var bank = new Bank([]);
        bank.Deposit(ItemIds.Lobster, 3);
        bank.Deposit(ItemIds.Logs, 1);
        bank.Deposit(ItemIds.Lobster, 2);
        Assert.That(bank.Slots[..3].ToArray(), Is.EqualTo(new[] { new ItemStack(ItemIds.Lobster, 5), new ItemStack(ItemIds.Logs, 1), default }));

        Assert.That(bank.Withdraw(0, 5, out var taken), Is.EqualTo(RejectionReason.None));
        Assert.That(taken, Is.EqualTo(new ItemStack(ItemIds.Lobster, 5)));
        Assert.That(bank.Slots[1], Is.EqualTo(new ItemStack(ItemIds.Logs, 1)), "the logs do not move up");
        Assert.That(bank.ToArray(), Is.EqualTo(new[] { default, new ItemStack(ItemIds.Logs, 1) }));
        Assert.That(bank.Withdraw(1, 10, out taken), Is.EqualTo(RejectionReason.None));
        Assert.That(taken.Quantity, Is.EqualTo(1), "asking for more than there is takes what there is");
    }

    [Test]
    public void Overflow_a_full_bank_and_bad_slots_are_refused()
    {
        var bank = new Bank([new ItemStack(ItemIds.Coins, int.MaxValue - 5)]);
        Assert.That(bank.CheckDeposit(ItemIds.Coins, 5), Is.EqualTo(RejectionReason.None));
        Assert.That(bank.CheckDeposit(ItemIds.Coins, 6), Is.EqualTo(RejectionReason.QuantityOverflow));
        Assert.That(bank.CheckDeposit(ItemIds.Coins, 0), Is.EqualTo(RejectionReason.InvalidQuantity));

        var full = new Bank([.. Enumerable.Range(1, Bank.SlotCount).Select(i => new ItemStack(i, 1))]);
        Assert.That(full.CheckDeposit(Bank.SlotCount + 1, 1), Is.EqualTo(RejectionReason.BankFull));
        Assert.That(full.CheckDeposit(7, 1), Is.EqualTo(RejectionReason.None), "an item already banked still fits");
        Assert.That(full.Withdraw(Bank.SlotCount, 1, out _), Is.EqualTo(RejectionReason.InvalidSlot));
        Assert.That(full.Withdraw(-1, 1, out _), Is.EqualTo(RejectionReason.InvalidSlot));
        Assert.That(full.Withdraw(3, 0, out _), Is.EqualTo(RejectionReason.InvalidQuantity));
        Assert.That(bank.Withdraw(1, 1, out _), Is.EqualTo(RejectionReason.EmptySlot));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Bank(new ItemStack[Bank.SlotCount + 1]));
    }

    [Test]
    public void A_change_moves_its_page_version_only()
    {
        var bank = new Bank([]);
        var before = bank.PageVersions.ToArray();
        bank.Deposit(ItemIds.Coins, 1);
        var after = bank.PageVersions.ToArray();
        Assert.That(after[0], Is.Not.EqualTo(before[0]));
        Assert.That(after[1..], Is.EqualTo(before[1..]));
    }
}
