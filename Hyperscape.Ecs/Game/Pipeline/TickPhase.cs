namespace Hyperscape.Ecs.Game.Pipeline;

/// <summary>The built-in phases of a tick (the simulation runs them in the order of ARCHITECTURE.md's tick; later phases were numbered as they came); an embedder's systems are placed relative to them.</summary>
public enum TickPhase
{
    /// <summary>Players join and leave.</summary>
    Sessions,

    /// <summary>Queued player intents are validated and applied.</summary>
    Actions,

    /// <summary>Active prayers drain points; an empty pool switches them off.</summary>
    Prayer,

    /// <summary>Walkers and runners advance along their paths.</summary>
    Movement,

    /// <summary>Attacks roll, hit, grant XP and provoke retaliation.</summary>
    Combat,

    /// <summary>NPCs aggro, chase, leash and wander.</summary>
    NpcAi,

    /// <summary>Hitpoints regenerate.</summary>
    Regeneration,

    /// <summary>Zero hitpoints become deaths and drops.</summary>
    Death,

    /// <summary>The dead respawn, NPCs return, ground items expire.</summary>
    Respawn,

    /// <summary>Players working resource nodes roll, after moving: one who arrived this tick may start.</summary>
    Gathering,

    /// <summary>Depleted resource nodes come back; fishing spots move.</summary>
    Resources,

    /// <summary>Shops restock.</summary>
    Shops,

    /// <summary>Players lighting fires and cooking make their next attempt.</summary>
    Processing,

    /// <summary>Fires burn out.</summary>
    Fires,

    /// <summary>Players start and finish agility obstacles (after gathering, before combat: a fatal fall dies this tick).</summary>
    Agility,

    /// <summary>Gravestones whose time is up break open into ground items (after respawns: a grave is never older than its death).</summary>
    Gravestones,

    /// <summary>Zones: ghosts of neighbouring zones' entities near the border are shown, refreshed or dropped (after sessions: a player who just arrived replaces its ghost).</summary>
    Ghosts,
}
