using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Hyperscape.Ecs.Content;
using Hyperscape.Host.Operations;

namespace Hyperscape.Host.Configuration;

/// <summary>
/// Reads the <c>Hyperscape</c> section into <see cref="ServerOptions"/> and reports every problem
/// at once: a value that does not parse, a key no setting has (a typo would otherwise be ignored
/// silently), and a value out of its range. Nothing starts until the list is empty.
/// </summary>
public static class ServerOptionsValidator
{
    /// <summary>Binds the section; <paramref name="problems"/> lists what is wrong (empty when nothing is).</summary>
    public static ServerOptions Read(IConfigurationSection section, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(section);
        var found = new List<string>();
        CheckValues(section, typeof(ServerOptions), found);
        if (found.Count > 0)
        {
            // Binding would stop at the first bad value with an exception; the list says it all.
            problems = found;
            return new ServerOptions();
        }

        var options = section.Get<ServerOptions>() ?? new ServerOptions();
        CheckRanges(options, found);
        problems = found;
        return options;
    }

    /// <summary>The range and consistency checks on bound options (also used for options built in code).</summary>
    public static IReadOnlyList<string> CheckRanges(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var found = new List<string>();
        CheckRanges(options, found);
        return found;
    }

    private static void CheckValues(IConfigurationSection section, Type type, List<string> problems)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetSetMethod() is not null)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                problems.Add($"{child.Path}: there is no such setting (known here: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}).");
                continue;
            }

            if (IsLeaf(property.PropertyType))
            {
                if (child.GetChildren().Any())
                {
                    problems.Add($"{child.Path}: expects {Describe(property.PropertyType)}, not a section.");
                }
                else if (child.Value is { } value && !TryConvert(property.PropertyType, value))
                {
                    problems.Add($"{child.Path}: '{value}' is not {Describe(property.PropertyType)}.");
                }

                continue;
            }

            if (child.Value is { Length: > 0 } scalar)
            {
                problems.Add($"{child.Path}: is a section of settings, not the value '{scalar}'.");
                continue;
            }

            CheckValues(child, property.PropertyType, problems);
        }
    }

    private static void CheckRanges(ServerOptions o, List<string> problems)
    {
        void Require(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }

        const string S = ServerOptions.Section;
        Require(Uri.TryCreate(o.Listen, UriKind.Absolute, out var listen) && listen.Scheme is "http" or "https",
            $"{S}:Listen: must be an http(s) URL such as http://127.0.0.1:5555, not '{o.Listen}'.");
        Require(o.Path.StartsWith('/'), $"{S}:Path: must start with '/', not '{o.Path}'.");
        Require(o.FrameInterval > TimeSpan.Zero && o.FrameInterval <= TimeSpan.FromSeconds(1), $"{S}:FrameInterval: must be more than 0 and at most 1 second, not {o.FrameInterval}.");
        Require(o.SaveInterval >= TimeSpan.FromSeconds(1), $"{S}:SaveInterval: must be at least 1 second, not {o.SaveInterval}.");
        Require(o.GameThreadNice is >= -20 and <= 19, $"{S}:GameThreadNice: must be a nice value from -20 to 19 (0 leaves the priority alone), not {o.GameThreadNice}.");
        Require(o.BackgroundGcNice is >= -20 and <= 19, $"{S}:BackgroundGcNice: must be a nice value from -20 to 19 (0 leaves the priority alone), not {o.BackgroundGcNice}.");
        Require(o.BackgroundGcInterval == TimeSpan.Zero || (o.BackgroundGcInterval > TimeSpan.Zero && o.BackgroundGcInterval <= BackgroundCollectorKeepAlive.MaxInterval),
            $"{S}:BackgroundGcInterval: must be more than 0 and at most {BackgroundCollectorKeepAlive.MaxInterval.TotalSeconds:F0} seconds (the runtime's background collector thread exits after {BackgroundCollectorKeepAlive.ThreadIdleTimeout.TotalSeconds:F0} s idle), or zero to never ask, not {o.BackgroundGcInterval}.");
        Require(o.ReconnectGrace >= TimeSpan.Zero, $"{S}:ReconnectGrace: cannot be negative ({o.ReconnectGrace}).");
        Require(o.ShutdownTimeout >= o.Limits.CloseTimeout + TimeSpan.FromSeconds(2),
            $"{S}:ShutdownTimeout: must leave room for saving and for the sockets' close timeout plus 2 seconds ({o.Limits.CloseTimeout + TimeSpan.FromSeconds(2)}), not {o.ShutdownTimeout}.");
        Require(!string.IsNullOrWhiteSpace(o.Database.SqliteFile) || !string.IsNullOrWhiteSpace(o.Database.PostgresConnectionString),
            $"{S}:Database:SqliteFile: must name a file when no PostgreSQL connection string is set.");
        if (!string.IsNullOrWhiteSpace(o.Database.PostgresConnectionString))
        {
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(o.Database.PostgresConnectionString);
            }
            catch (ArgumentException exception)
            {
                problems.Add($"{S}:Database:PostgresConnectionString: is not a PostgreSQL connection string ({exception.Message}).");
            }
        }

        Require(o.World.ScatteredNpcs is >= 0 and <= 100_000, $"{S}:World:ScatteredNpcs: must be within 0..100000, not {o.World.ScatteredNpcs}.");
        Require(o.World.ScatterRadius is >= 1 and <= 1_000, $"{S}:World:ScatterRadius: must be within 1..1000, not {o.World.ScatterRadius}.");
        if (!string.IsNullOrEmpty(o.World.Content))
        {
            if (!Directory.Exists(o.World.Content))
            {
                Require(false, $"{S}:World:Content: no folder at '{Path.GetFullPath(o.World.Content)}'.");
            }
            else
            {
                try
                {
                    // References are checked by string id, so a fresh registry finds every problem.
                    o.World.LoadContent(ContentIds.Empty);
                }
                catch (ContentException exception)
                {
                    foreach (var problem in exception.Problems)
                    {
                        Require(false, $"{S}:World:Content: {problem}");
                    }
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    Require(false, $"{S}:World:Content: cannot read '{Path.GetFullPath(o.World.Content)}': {exception.Message}");
                }
            }
        }

        var privy = o.Privy;
        Require(string.IsNullOrWhiteSpace(privy.AppId) || privy.Enabled,
            $"{S}:Privy:AppId: is set but neither VerificationKey nor Jwks is, so tokens could not be verified (PRIVY_VERIFICATION_KEY or PRIVY_JWKS).");
        Require(!string.IsNullOrWhiteSpace(privy.AppId) || (string.IsNullOrWhiteSpace(privy.VerificationKey) && string.IsNullOrWhiteSpace(privy.Jwks)),
            $"{S}:Privy: a verification key or JWKS is set but AppId is not (PRIVY_APP_ID): the server would run anonymous.");
        if (privy.Enabled)
        {
            CheckPrivyKey(privy, problems);
        }

        var voice = o.LiveKit;
        var voiceParts = new[] { voice.ApiKey, voice.ApiSecret, voice.Url }.Count(v => !string.IsNullOrWhiteSpace(v));
        Require(voiceParts is 0 or 3, $"{S}:LiveKit: ApiKey, ApiSecret and Url go together; {voiceParts} of 3 are set.");
        Require(voice.TokenLifetime > TimeSpan.Zero, $"{S}:LiveKit:TokenLifetime: must be positive, not {voice.TokenLifetime}.");
        Require(!string.IsNullOrWhiteSpace(voice.Room) && voice.Room.Length <= 64, $"{S}:LiveKit:Room: must name a room in at most 64 characters.");
        Require((voice.Url?.Length ?? 0) <= 256, $"{S}:LiveKit:Url: must be at most 256 characters (it goes to clients in one message).");
        Require((voice.ApiKey?.Length ?? 0) <= 64, $"{S}:LiveKit:ApiKey: must be at most 64 characters (it is inside every voice token).");

        var limits = o.Limits;
        const string L = $"{S}:Limits";
        Require(limits.AuthenticationTimeout > TimeSpan.Zero, $"{L}:AuthenticationTimeout: must be positive, not {limits.AuthenticationTimeout}.");
        Require(double.IsFinite(limits.MessagesPerSecond) && limits.MessagesPerSecond > 0, $"{L}:MessagesPerSecond: must be a positive number, not {limits.MessagesPerSecond}.");
        Require(double.IsFinite(limits.MessageBurst) && limits.MessageBurst >= 1, $"{L}:MessageBurst: must be at least 1, not {limits.MessageBurst}.");
        Require(double.IsFinite(limits.ChatPerSecond) && limits.ChatPerSecond > 0, $"{L}:ChatPerSecond: must be a positive number, not {limits.ChatPerSecond}.");
        Require(limits.MalformedLimit >= 1, $"{L}:MalformedLimit: must be at least 1, not {limits.MalformedLimit}.");
        Require(limits.MalformedWindow > TimeSpan.Zero, $"{L}:MalformedWindow: must be positive, not {limits.MalformedWindow}.");
        Require(limits.SendQueueBytes is >= 16 * 1024 and <= 64 * 1024 * 1024, $"{L}:SendQueueBytes: must be within 16384..67108864, not {limits.SendQueueBytes}.");
        Require(limits.CloseTimeout > TimeSpan.Zero, $"{L}:CloseTimeout: must be positive, not {limits.CloseTimeout}.");
        Require(limits.StallTimeout > TimeSpan.Zero, $"{L}:StallTimeout: must be positive, not {limits.StallTimeout}.");
        Require(limits.MaxConnections is >= 1 and <= 1_000_000, $"{L}:MaxConnections: must be within 1..1000000, not {limits.MaxConnections}.");
        Require(limits.MaxConnectionsBeforeHello >= 1 && limits.MaxConnectionsBeforeHello <= limits.MaxConnections,
            $"{L}:MaxConnectionsBeforeHello: must be within 1..MaxConnections ({limits.MaxConnections}), not {limits.MaxConnectionsBeforeHello}.");
        Require(limits.MaxConnectionsPerAddress >= 1, $"{L}:MaxConnectionsPerAddress: must be at least 1, not {limits.MaxConnectionsPerAddress}.");
        Require(limits.CharactersPerAccount is >= 1 and <= Ecs.Protocol.WireProtocol.MaxCharactersPerAccount,
            $"{L}:CharactersPerAccount: must be within 1..{Ecs.Protocol.WireProtocol.MaxCharactersPerAccount} (what one character list message holds), not {limits.CharactersPerAccount}.");
        Require(limits.SocketSendBufferBytes is >= 4 * 1024 and <= 16 * 1024 * 1024, $"{L}:SocketSendBufferBytes: must be within 4096..16777216, not {limits.SocketSendBufferBytes}.");
        CheckZones(o, problems);
    }

    /// <summary>Zone mode's settings; none of them matter (or are checked) while no zone is named.</summary>
    private static void CheckZones(ServerOptions o, List<string> problems)
    {
        const string Z = $"{ServerOptions.Section}:Zones";
        var zones = o.Zones;
        if (zones.Zone < 0)
        {
            problems.Add($"{Z}:Zone: must be 0 (one process, no zones) or a zone id of 1 or more, not {zones.Zone}.");
        }

        if (zones.Zone <= 0)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(o.Database.PostgresConnectionString))
        {
            problems.Add($"{Z}:Zone: zone mode needs PostgreSQL (Hyperscape:Database:PostgresConnectionString or HYPERSCAPE_POSTGRES): every zone decides who owns a character in one shared database.");
        }

        if (!Zones.ZoneRegion.TryParseTable(zones.Regions, out var regions, out var unreadable))
        {
            problems.Add($"{Z}:Regions: {unreadable}; write zone@x0,z0..x1,z1 entries separated by ';'.");
        }
        else if (!regions.Any(r => r.Zone == zones.Zone))
        {
            problems.Add($"{Z}:Regions: no region belongs to zone {zones.Zone}, the zone this process runs.");
        }
        else
        {
            CheckZoneTable(o, regions, problems);
        }

        if (zones.TableVersion < 1)
        {
            problems.Add($"{Z}:TableVersion: must be 1 or more, not {zones.TableVersion}.");
        }

        if (!Uri.TryCreate(zones.PublicAddress, UriKind.Absolute, out var address) || address.Scheme is not ("ws" or "wss"))
        {
            problems.Add($"{Z}:PublicAddress: must be the ws(s) URL players reach this zone's game socket at (ws://host:port/game), not '{zones.PublicAddress}'.");
        }

        if (zones.Lease < TimeSpan.FromSeconds(1))
        {
            problems.Add($"{Z}:Lease: must be at least 1 second, not {zones.Lease}.");
        }

        var cluster = zones.Cluster;
        const string C = $"{Z}:Cluster";
        if (cluster.Membership is not ("Development" or "Redis"))
        {
            problems.Add($"{C}:Membership: must be Development or Redis, not '{cluster.Membership}'.");
        }

        if (cluster.Membership == "Redis" && string.IsNullOrWhiteSpace(cluster.RedisConnection))
        {
            problems.Add($"{C}:RedisConnection: Redis membership needs a connection string (host:port).");
        }

        if (cluster.Membership == "Development" && !System.Net.IPEndPoint.TryParse(cluster.PrimarySilo, out _))
        {
            problems.Add($"{C}:PrimarySilo: must be the primary silo's ip:port, the same in every zone process, not '{cluster.PrimarySilo}'.");
        }

        if (!System.Net.IPAddress.TryParse(cluster.AdvertisedAddress, out _))
        {
            problems.Add($"{C}:AdvertisedAddress: must be an IP address other silos reach this one at, not '{cluster.AdvertisedAddress}'.");
        }

        if (cluster.SiloPort is < 1 or > 65535 || cluster.GatewayPort is < 1 or > 65535 || cluster.SiloPort == cluster.GatewayPort)
        {
            problems.Add($"{C}:SiloPort and GatewayPort: must be two different ports within 1..65535, not {cluster.SiloPort} and {cluster.GatewayPort}.");
        }

        if (string.IsNullOrWhiteSpace(cluster.ClusterId))
        {
            problems.Add($"{C}:ClusterId: must name the cluster.");
        }

        if (cluster.ProbeTimeout < TimeSpan.FromMilliseconds(100))
        {
            problems.Add($"{C}:ProbeTimeout: must be at least 100 ms, not {cluster.ProbeTimeout}.");
        }
    }

    /// <summary>The zone table must cover the world's map exactly once (the content's map: a broken content folder is reported on its own).</summary>
    private static void CheckZoneTable(ServerOptions o, List<Zones.ZoneRegion> regions, List<string> problems)
    {
        Ecs.Game.Navigation.TileMap map;
        try
        {
            map = o.World.LoadContent(ContentIds.Empty).World.Map;
        }
        catch (Exception exception) when (exception is ContentException or IOException or UnauthorizedAccessException)
        {
            return;
        }

        try
        {
            _ = Zones.ZoneMap.Create(Math.Max(1, o.Zones.TableVersion), map.Width, map.Height, regions);
        }
        catch (ArgumentException exception)
        {
            problems.Add($"{ServerOptions.Section}:Zones:Regions: on the world's {map.Width}x{map.Height} map, {exception.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    /// <summary>A key that cannot verify anything would refuse every player at their first hello; say so now.</summary>
    private static void CheckPrivyKey(PrivyOptions privy, List<string> problems)
    {
        const string P = $"{ServerOptions.Section}:Privy";
        if (!string.IsNullOrWhiteSpace(privy.VerificationKey))
        {
            try
            {
                using var key = System.Security.Cryptography.ECDsa.Create();
                key.ImportFromPem(privy.VerificationKey.Replace("\\n", "\n", StringComparison.Ordinal));
            }
            catch (Exception exception) when (exception is ArgumentException or System.Security.Cryptography.CryptographicException)
            {
                problems.Add($"{P}:VerificationKey: is not a PEM-encoded EC public key ({exception.Message}).");
            }

            return;
        }

        if (Uri.TryCreate(privy.Jwks, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            return;
        }

        if (!File.Exists(privy.Jwks))
        {
            problems.Add($"{P}:Jwks: '{privy.Jwks}' is neither an http(s) URL nor an existing file.");
            return;
        }

        try
        {
            if (new Microsoft.IdentityModel.Tokens.JsonWebKeySet(File.ReadAllText(privy.Jwks)).GetSigningKeys().Count == 0)
            {
                problems.Add($"{P}:Jwks: the file '{privy.Jwks}' holds no signing key.");
            }
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or System.Text.Json.JsonException)
        {
            problems.Add($"{P}:Jwks: the file '{privy.Jwks}' is not a JWKS ({exception.Message}).");
        }
    }

    private static bool IsLeaf(Type type) =>
        type == typeof(string) || type == typeof(TimeSpan) || type.IsPrimitive || type.IsEnum || Nullable.GetUnderlyingType(type) is not null;

    private static bool TryConvert(Type type, string value)
    {
        if (type == typeof(string))
        {
            return true;
        }

        if (value.Length == 0)
        {
            return false;
        }

        try
        {
            _ = TypeDescriptor.GetConverter(type).ConvertFromString(null, CultureInfo.InvariantCulture, value);
            return true;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type) =>
        type == typeof(TimeSpan) ? "a duration such as 00:00:30 (hh:mm:ss)"
        : type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(double) || type == typeof(float) ? "a number"
        : type == typeof(bool) ? "true or false"
        : type.Name;
}
