using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Sync;

namespace Hyperscape.Ecs.Server;

/// <summary>Everything a <see cref="GameServer"/> is built from.</summary>
public sealed record GameServerOptions
{
    /// <summary>The world: content (map, items, NPCs, spawns), an embedder's systems, the tick length, the seed.</summary>
    public required SimulationOptions Simulation { get; init; }

    /// <summary>The network sync: frame rate, view radius, thresholds, budgets.</summary>
    public SyncOptions Sync { get; init; } = SyncOptions.Default;

    /// <summary>
    /// Where item transactions, departed characters and periodic saves go. Set, it turns on the
    /// whole durability chain together: every item operation is recorded as a transaction, and
    /// nothing it did is shown to any client before the queue reports it durable. Null: nothing is
    /// recorded or held (an embedding without storage pays nothing for it).
    /// </summary>
    public IStorageQueue? Storage { get; init; }

    /// <summary>How often every online character's position and stats go to <see cref="Storage"/> (rounded to whole ticks).</summary>
    public TimeSpan SaveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock frames are due by. A test drives a fake one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Hears tick and frame timings (metrics), or null.</summary>
    public IGameServerObserver? Observer { get; init; }
}
