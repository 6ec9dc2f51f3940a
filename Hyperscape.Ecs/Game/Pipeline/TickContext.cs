using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Pipeline;

/// <summary>
/// What a system sees of the game while the tick runs: the store, the rules' data, the tick
/// number, the one source of randomness, the directory of network ids, and the event list.
/// Valid on the tick thread only. Items appear and vanish only through the game's own operations
/// (so every one is a transaction in the ledger); a system that edits inventories or equipment in
/// the store directly takes that guarantee on itself.
/// </summary>
public sealed class TickContext
{
    internal TickContext(GameContext game) => Game = game;

    /// <summary>The ECS store.</summary>
    public World World => Game.World;

    /// <summary>The tick being computed; the first tick is 1.</summary>
    public long Tick => Game.Tick;

    /// <summary>The only source of randomness: use it, and a run stays reproducible from its seed.</summary>
    public DeterministicRandom Random => Game.Random;

    /// <summary>Walkability of the map.</summary>
    public TileMap Map => Game.Map;

    /// <summary>Item definitions.</summary>
    public ItemCatalog Items => Game.Items;

    /// <summary>NPC definitions.</summary>
    public NpcCatalog Npcs => Game.Npcs;

    internal GameContext Game { get; }

    /// <summary>Looks up the entity with a network id (players, NPCs, ground items).</summary>
    public bool TryResolve(long networkId, out Entity entity) => Game.TryResolve(networkId, out entity);

    /// <summary>The network id of an entity that has one, else 0.</summary>
    public long NetworkIdOf(Entity entity) => Game.NetworkIdOf(entity);

    /// <summary>
    /// Reports something that happened. The sync routes it by kind: a player's own kinds to that
    /// player's client, visible kinds (damage, deaths, respawns, emotes) to every client that sees
    /// the subject.
    /// </summary>
    public void Emit(in GameEvent gameEvent) => Game.Emit(gameEvent);
}
