using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Game.Shops;

/// <summary>
/// A shop's stock as it stands: its own lines (back to their normal quantity over time, even
/// from zero) and lines of what players sold it (which dwindle away). Shared by everyone who
/// trades there; not saved: a restart restocks every shop, as OSRS's worlds do.
/// </summary>
public sealed class Shop
{
    private readonly List<StockLine> _lines = [];

    /// <summary>A fully stocked shop.</summary>
    public Shop(ShopDefinition definition)
    {
        Definition = definition ?? throw new ArgumentNullException(nameof(definition));
        foreach (var line in definition.Stock)
        {
            _lines.Add(new StockLine(line.ItemId, line.Quantity, line.Quantity));
        }
    }

    /// <summary>What the shop is.</summary>
    public ShopDefinition Definition { get; }

    /// <summary>The lines in order: the shop's own first, then what it was sold.</summary>
    public IReadOnlyList<StockLine> Lines => _lines;

    /// <summary>Moves whenever a quantity changes: the sync resends the stock to those who have it open.</summary>
    public int Version { get; private set; }

    /// <summary>The line of an item, or -1.</summary>
    public int IndexOf(int itemId)
    {
        for (var i = 0; i < _lines.Count; i++)
        {
            if (_lines[i].ItemId == itemId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when the shop takes <paramref name="itemId"/> from players.</summary>
    public bool Buys(int itemId) => itemId != ItemIds.Coins && (Definition.General || Array.Exists(Definition.Stock, l => l.ItemId == itemId));

    /// <summary>True when a sold item has a line to go to (an existing one, or room for one more).</summary>
    public bool HasRoomFor(int itemId) => IndexOf(itemId) >= 0 || _lines.Count < ShopDefinition.MaxLines;

    /// <summary>Takes <paramref name="count"/> from line <paramref name="index"/> (the caller checked there are that many).</summary>
    public void Take(int index, int count)
    {
        var line = _lines[index];
        _lines[index] = line with { Quantity = line.Quantity - count };
        Version++;
    }

    /// <summary>Adds what a player sold to its line, making one when needed (the caller checked <see cref="HasRoomFor"/>).</summary>
    public void Add(int itemId, int count)
    {
        var index = IndexOf(itemId);
        if (index < 0)
        {
            _lines.Add(new StockLine(itemId, count, 0));
        }
        else
        {
            var line = _lines[index];
            _lines[index] = line with { Quantity = (int)Math.Min(int.MaxValue, (long)line.Quantity + count) };
        }

        Version++;
    }

    /// <summary>One restock: every line one step toward its normal quantity; a sold-in line gone to zero is removed.</summary>
    public void Restock()
    {
        var changed = false;
        for (var i = _lines.Count - 1; i >= 0; i--)
        {
            var line = _lines[i];
            if (line.Quantity == line.Normal)
            {
                continue;
            }

            var quantity = line.Quantity + (line.Quantity < line.Normal ? 1 : -1);
            changed = true;
            if (quantity == 0 && line.Normal == 0)
            {
                _lines.RemoveAt(i);
            }
            else
            {
                _lines[i] = line with { Quantity = quantity };
            }
        }

        Version += changed ? 1 : 0;
    }
}
