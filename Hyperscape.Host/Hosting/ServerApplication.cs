using System.Reflection;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Host.Authentication;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Gameplay;
using Hyperscape.Host.Networking;
using Hyperscape.Host.Operations;
using Hyperscape.Host.Persistence;
using Hyperscape.Host.Sessions;
using Hyperscape.Host.Voice;
using Hyperscape.Host.Web;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Hyperscape.Host.Hosting;

/// <summary>
/// Composes the console server: configuration (appsettings.json, shortcut variables,
/// <c>Hyperscape__*</c> variables, flags), the database and its migrations, the game loop, the
/// WebSocket endpoint, health, stats and metrics. The executable and the end-to-end tests build
/// and start the server the same way.
/// </summary>
public static class ServerApplication
{
    /// <summary>The OpenTelemetry service name.</summary>
    public const string ServiceName = "Hyperscape.Host";

    /// <summary>
    /// Builds the server from command-line arguments; <paramref name="configure"/> may adjust it
    /// (tests do). Throws <see cref="ServerConfigurationException"/> listing every bad setting.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,

            // appsettings.json ships beside the binary; relative database paths stay relative to
            // the working directory, where an operator expects them.
            ContentRootPath = AppContext.BaseDirectory,
        });
        EnvironmentShortcuts.AddTo(builder.Configuration);
        configure?.Invoke(builder);

        var section = builder.Configuration.GetSection(ServerOptions.Section);
        var settings = ServerOptionsValidator.Read(section, out var problems);
        if (problems.Count > 0)
        {
            throw new ServerConfigurationException(problems);
        }

        builder.WebHost.UseUrls(settings.Listen);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Admission is ours (503 with Retry-After, caps before hello and per address); Kestrel's
            // own upgrade cap would answer 500 and log a stack trace per refusal.
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection =>
            {
                if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
                {
                    socket.SendBufferSize = settings.Limits.SocketSendBufferBytes;
                }

                return next(connection);
            }));
        });

        var database = Database(settings.Database);
        var services = builder.Services;

        // Kestrel's buffers as ordinary arrays, not pinned ones: see HeapMemoryPool for what the
        // pinned ones cost every young collection.
        services.AddSingleton<IMemoryPoolFactory<byte>, HeapMemoryPoolFactory>();
        services.Configure<ServerOptions>(section);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.ShutdownTimeout + TimeSpan.FromSeconds(5));
        services.AddSingleton(database);
        services.AddSingleton<ConnectionFactory>();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<SqlGameStore>();

        // Tried, not forced: a store registered by the caller's configure hook (a test's flaky
        // database, say) stands in for these.
        services.TryAddSingleton<IAccountStore>(sp => sp.GetRequiredService<SqlGameStore>());
        services.TryAddSingleton<ICharacterStore>(sp => sp.GetRequiredService<SqlGameStore>());
        services.TryAddSingleton<ISocialStore>(sp => sp.GetRequiredService<SqlGameStore>());
        services.TryAddSingleton<IContentIdStore>(sp => sp.GetRequiredService<SqlGameStore>());
        services.AddSingleton(sp => new ServerMetrics(() => sp.GetRequiredService<GameLoop>().Online, () => sp.GetRequiredService<GameLoop>().Entities));
        services.AddSingleton<PersistenceWriter>();
        services.AddSingleton<PrivyTokenValidator>();
        services.AddSingleton<LiveKitTokenIssuer>();
        services.AddSingleton<SessionServices>();
        services.AddSingleton<CharacterLobby>();
        services.AddSingleton<ConnectionAdmission>();
        services.AddSingleton<ShutdownOutcome>();
        if (settings.Zones.Zone > 0)
        {
            ZoneSilo.AddTo(builder, settings);
            services.AddSingleton(sp =>
            {
                var loop = ActivatorUtilities.CreateInstance<GameLoop>(sp);
                loop.Zone = sp.GetRequiredService<Zones.ZoneRuntime>();
                return loop;
            });
        }
        else
        {
            services.AddSingleton<GameLoop>();
        }

        services.AddHostedService(sp => sp.GetRequiredService<GameLoop>());

        services.AddHealthChecks().AddCheck<GameHealthCheck>("game");
        var version = typeof(ServerApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: version))
            .WithMetrics(metrics => metrics
                .AddMeter(ServerMetrics.MeterName, "System.Runtime", "Microsoft.AspNetCore.Server.Kestrel")
                .AddPrometheusExporter());

        var app = builder.Build();
        // The game socket answers HTTP/1.1 upgrades itself; this serves WebSockets over HTTP/2.
        app.UseWebSockets();
        app.Map(settings.Path, GameSocketEndpoint.HandleAsync);
        app.MapHealthChecks("/healthz");
        // ?window=60 limits the percentiles to the last minute (a load test's own run).
        app.MapGet("/stats", (GameLoop loop, double? window) =>
            window is > 0 and <= 86_400 ? Results.Ok(loop.Stats(TimeSpan.FromSeconds(window.Value))) :
            window is null ? Results.Ok(loop.Stats()) :
            Results.BadRequest("window is a number of seconds between 0 and 86400."));
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapClient();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hyperscape.Host");
        logger.LogInformation("{Mode}", EffectiveMode.Describe(settings, database));
        logger.LogInformation("Garbage collector: {Collector}", GarbageCollectorKind.Describe());
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in Addresses(app))
            {
                logger.LogInformation("Game socket at {Socket}; play at {Client} (dashboard at {Dashboard}); health at {Health}, metrics at {Metrics}",
                    GameSocket(address, settings.Path), new Uri(address, "/"), new Uri(address, "/dashboard"), new Uri(address, "/healthz"), new Uri(address, "/metrics"));
            }
        });
        return app;
    }

    /// <summary>
    /// Brings the database schema up to date, then starts the server. A database that cannot be
    /// reached or is newer than this server throws <see cref="DatabaseUnavailableException"/>
    /// with a one-line reason, before anything listens.
    /// </summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var connections = app.Services.GetRequiredService<ConnectionFactory>();
        var migrator = app.Services.GetRequiredService<SchemaMigrator>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hyperscape.Host");
        try
        {
            var applied = await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation(applied.Count == 0 ? "Schema is current (version {Version})" : "Schema migrated to version {Version}", migrator.LatestVersion);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The details (a stack trace) are for whoever turns on debug logging; an operator needs one line.
            logger.LogDebug(exception, "Preparing the database failed");
            throw new DatabaseUnavailableException($"The database ({connections.Settings.Describe()}) cannot be used: {OneLine(exception)}", exception);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The base addresses the server listens on (after start; real ports when 0 was asked).</summary>
    public static IReadOnlyList<Uri> Addresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var feature = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        return feature?.Addresses.Select(a => new Uri(a.Replace("://+", "://localhost", StringComparison.Ordinal))).ToList() ?? [];
    }

    /// <summary>The game socket URI for a base address.</summary>
    public static Uri GameSocket(Uri address, string path)
    {
        ArgumentNullException.ThrowIfNull(address);
        var builder = new UriBuilder(address) { Scheme = address.Scheme == "https" ? "wss" : "ws", Path = path };
        return builder.Uri;
    }

    private static DatabaseSettings Database(DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(options.PostgresConnectionString)
            ? DatabaseSettings.ForSqliteFile(options.SqliteFile)
            : DatabaseSettings.ForPostgres(options.PostgresConnectionString);

    private static string OneLine(Exception exception)
    {
        // Provider messages wrap the useful part (connection refused, no such file) in an inner exception.
        var innermost = exception;
        while (innermost.InnerException is { } inner && exception is not DatabaseTooNewException)
        {
            innermost = inner;
        }

        var text = innermost == exception ? exception.Message : $"{exception.Message} ({innermost.Message})";
        return text.ReplaceLineEndings(" ");
    }
}
