namespace Hyperscape.Ecs.Content;

/// <summary>The kinds of content whose string ids map to run-time integer ids.</summary>
public enum ContentKind : byte
{
    /// <summary>An item (inventories, equipment, ground items and the ledger store its id).</summary>
    Item = 1,

    /// <summary>An NPC type (kill counts store its id).</summary>
    Npc = 2,
}
