namespace Hyperscape.Host.Configuration;

/// <summary>
/// Zone mode: this process runs one zone of a world split across processes, joined in an Orleans
/// cluster. Off (the default) while <see cref="Zone"/> is 0: one process holds the whole world and
/// no silo starts.
/// </summary>
public sealed class ZoneOptions
{
    /// <summary>The zone this process runs (1 or more), or 0 for the single-process server.</summary>
    public int Zone { get; set; }

    /// <summary>The zone table's version: every zone of one cluster runs the same one.</summary>
    public int TableVersion { get; set; } = 1;

    /// <summary>
    /// The zone table: rectangles of tiles, each <c>zone@x0,z0..x1,z1</c> (corners included),
    /// separated by <c>;</c>, covering the world's map exactly once. For example
    /// <c>1@0,0..31,63;2@32,0..63,63</c> splits a 64 by 64 map down the middle.
    /// </summary>
    public string Regions { get; set; } = "";

    /// <summary>
    /// The game socket address players of other zones are sent to when they cross into this one
    /// (<c>ws://host:port/game</c>); it travels in the cluster's membership, so every zone learns it.
    /// </summary>
    public string PublicAddress { get; set; } = "";

    /// <summary>
    /// How long a zone's hold on a character lasts without renewal (renewed every third of it, one statement for the whole zone):
    /// after a zone process dies, its players can log in again once this runs out.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How the zones find each other.</summary>
    public ZoneClusterOptions Cluster { get; set; } = new();
}
