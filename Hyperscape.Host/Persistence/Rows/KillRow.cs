namespace Hyperscape.Host.Persistence.Rows;

/// <summary>An <c>npc_kills</c> row.</summary>
internal sealed class KillRow
{
    public int NpcType { get; set; }

    public int KillCount { get; set; }
}
