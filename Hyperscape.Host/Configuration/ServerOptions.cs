namespace Hyperscape.Host.Configuration;

/// <summary>
/// The server's settings, bound from the <c>Hyperscape</c> section of configuration
/// (appsettings.json, <c>Hyperscape__*</c> environment variables, <c>--Hyperscape:*</c> flags).
/// </summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Hyperscape";

    /// <summary>Where to listen: the game socket is <c>ws://{Listen}{Path}</c>.</summary>
    public string Listen { get; set; } = "http://127.0.0.1:5555";

    /// <summary>The WebSocket path.</summary>
    public string Path { get; set; } = "/game";

    /// <summary>The database.</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>The world.</summary>
    public WorldSettings World { get; set; } = new();

    /// <summary>Privy authentication; without an app id, sessions are anonymous.</summary>
    public PrivyOptions Privy { get; set; } = new();

    /// <summary>LiveKit voice; without a key, voice requests are answered "disabled".</summary>
    public LiveKitOptions LiveKit { get; set; } = new();

    /// <summary>Zone mode (off unless a zone is named): one zone of a world split across processes.</summary>
    public ZoneOptions Zones { get; set; } = new();

    /// <summary>Limits that protect the server from hostile clients.</summary>
    public SessionLimits Limits { get; set; } = new();

    /// <summary>
    /// The sync frame length (50 ms); a game tick is every 12th frame, 600 ms. Shorter frames make
    /// game time pass faster, which only tests want.
    /// </summary>
    public TimeSpan FrameInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The nice value the game loop's thread asks for on Linux (-20: ahead of socket and thread-pool
    /// work on a busy core; 0 leaves it as it is). At 2,000 pinned bots, -20 kept tick and frame p99
    /// under 50 ms in five runs of five, -10 in one of six: the socket threads, several at normal
    /// priority, still took the core from the loop often enough at -10. Raising a priority needs
    /// root or CAP_SYS_NICE; without either the loop runs at normal priority and says so once at start.
    /// </summary>
    public int GameThreadNice { get; set; } = -20;

    /// <summary>
    /// The longest time the server lets pass without a background garbage collection before it asks
    /// for one (15 s; zero never asks; at most 18 s). The runtime lets its background collector thread
    /// go after 20 s idle, and on one core the next full collection then ran blocking, 53-127 ms,
    /// instead of in the background with sub-millisecond pauses.
    /// </summary>
    public TimeSpan BackgroundGcInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The nice value the runtime's background garbage-collector thread is given on Linux after each
    /// background collection the server asks for (so never when <see cref="BackgroundGcInterval"/> is
    /// zero): -5, ahead of socket work and behind the game loop; 0 leaves it as it is. Its concurrent
    /// marking then ends sooner, and so does the final pause, which grows with everything the program
    /// changed while it marked. Needs root or CAP_SYS_NICE, like <see cref="GameThreadNice"/>.
    /// </summary>
    public int BackgroundGcNice { get; set; } = -5;

    /// <summary>How often positions and stats of everyone online are saved.</summary>
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a dropped player stays in the world, resumable with its token.</summary>
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The whole of a graceful shutdown, from the signal to the exit, at most. Saves still running
    /// when it ends are cancelled in the database, each character not saved is logged, and the
    /// process exits with code 3.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
