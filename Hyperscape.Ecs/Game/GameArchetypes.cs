using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game;

/// <summary>The component sets of the game's entity kinds.</summary>
internal static class GameArchetypes
{
    /// <summary>A player character in the world.</summary>
    public static ComponentSet Player { get; } = ComponentSet.Of<Position, Rotation, Health, Skills>()
        .With<Inventory>().With<Equipment>().With<CombatBonuses>().With<CombatState>()
        .With<Movement>().With<Emote>().With<NetworkIdentity>().With<Components.Player>().With<PrayerState>().With<Gathering>().With<Processing>()
        .With<Agility>();

    /// <summary>A living NPC. NPCs step themselves (one greedy step a tick), so they have no Movement.</summary>
    public static ComponentSet Npc { get; } = ComponentSet.Of<Position, Rotation, Health, CombatState>()
        .With<Emote>().With<NetworkIdentity>().With<Components.Npc>();

    /// <summary>An NPC spawn point; invisible to clients.</summary>
    public static ComponentSet NpcSpawner { get; } = ComponentSet.Of<NpcSpawn>();

    /// <summary>A tree, a rock or a fishing spot.</summary>
    public static ComponentSet ResourceNode { get; } = ComponentSet.Of<Position, Components.ResourceNode, NetworkIdentity>();

    /// <summary>A fixed object: a bank booth, a furnace, an anvil, a range, a rune altar.</summary>
    public static ComponentSet WorldObject { get; } = ComponentSet.Of<Position, Components.WorldObject, NetworkIdentity>();

    /// <summary>An obstacle of an agility course.</summary>
    public static ComponentSet Obstacle { get; } = ComponentSet.Of<Position, Components.WorldObject, CourseObstacle>().With<NetworkIdentity>();

    /// <summary>A fire a player lit.</summary>
    public static ComponentSet Fire { get; } = ComponentSet.Of<Position, Components.WorldObject, Burning>().With<NetworkIdentity>();

    /// <summary>A read-only copy of another zone's entity near the border.</summary>
    public static ComponentSet Ghost { get; } = ComponentSet.Of<Position, Components.Ghost, NetworkIdentity>();

    /// <summary>Items on the ground.</summary>
    public static ComponentSet GroundItem { get; } = ComponentSet.Of<Position, Components.GroundItem, NetworkIdentity>();

    /// <summary>A dead player's gravestone.</summary>
    public static ComponentSet Gravestone { get; } = ComponentSet.Of<Position, Components.Gravestone, NetworkIdentity>();
}
