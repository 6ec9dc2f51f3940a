using Hyperscape.Ecs.Sync;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>
/// A read-only copy of an entity another zone owns, near this zone's border: shown to clients, never
/// simulated, saved or acted on. It carries what the sync shows in place of the components a real
/// entity has (no system queries a ghost), and goes when not refreshed in time.
/// </summary>
public struct Ghost
{
    /// <summary>For a player, its character; 0 for an NPC.</summary>
    public long CharacterId;

    /// <summary>What the sync shows it as (player or NPC).</summary>
    public WireEntityKind Kind;

    /// <summary>An NPC's definition id.</summary>
    public int TypeId;

    /// <summary>Facing, in radians.</summary>
    public float Yaw;

    /// <summary>Current hitpoints.</summary>
    public int Health;

    /// <summary>Maximum hitpoints.</summary>
    public int MaxHealth;

    /// <summary>The tick it is removed on unless refreshed before.</summary>
    public long ExpiresAtTick;

    /// <summary>
    /// This zone's own player on its way to another zone: kept on screen (and sent to the neighbours
    /// like a real entity) until the other zone's ghost of the same character replaces it.
    /// </summary>
    public bool HandingOff;

    /// <summary>A player's worn item ids.</summary>
    public WornItems Worn;

    /// <summary>A player's name.</summary>
    public DisplayName Name;
}
