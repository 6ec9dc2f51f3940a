namespace Hyperscape.Host.Persistence.Rows;

/// <summary>A <c>gravestone_items</c> row: one stack in one slot of a gravestone.</summary>
internal sealed class GravestoneItemRow
{
    public long GravestoneId { get; set; }

    public int Slot { get; set; }

    public int ItemId { get; set; }

    public int Quantity { get; set; }
}
