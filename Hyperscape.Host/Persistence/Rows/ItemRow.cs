namespace Hyperscape.Host.Persistence.Rows;

/// <summary>An <c>inventory</c> or <c>equipment</c> row: one stack in one slot.</summary>
internal sealed class ItemRow
{
    public int Slot { get; set; }

    public int ItemId { get; set; }

    public int Quantity { get; set; }
}
