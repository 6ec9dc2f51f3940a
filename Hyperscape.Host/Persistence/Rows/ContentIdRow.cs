namespace Hyperscape.Host.Persistence.Rows;

/// <summary>A <c>content_ids</c> row.</summary>
internal sealed class ContentIdRow
{
    public int Kind { get; set; }

    public string Key { get; set; } = "";

    public int Id { get; set; }
}
