namespace Hyperscape.Ecs.Game.Banking;

/// <summary>The banks of the players in the world, by network id: loaded on joining, saved on leaving.</summary>
internal sealed class BankBook
{
    private readonly Dictionary<long, Bank> _banks = [];

    /// <summary>The bank of a player in the world.</summary>
    public Bank this[long playerId] => _banks[playerId];

    /// <summary>Looks up a player's bank.</summary>
    public bool TryGet(long playerId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Bank? bank) => _banks.TryGetValue(playerId, out bank);

    /// <summary>A joining player's bank.</summary>
    public void Add(long playerId, Bank bank) => _banks[playerId] = bank;

    /// <summary>A leaving player's bank, gone from the world with its owner.</summary>
    public void Remove(long playerId) => _banks.Remove(playerId);
}
