using Hyperscape.Ecs.Persistence;
using Hyperscape.Host.Authentication;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Gameplay;
using Hyperscape.Host.Networking;
using Hyperscape.Host.Operations;
using Hyperscape.Host.Persistence;
using Hyperscape.Host.Voice;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Hyperscape.Host.Hosting;

/// <summary>
/// Composes the console server: configuration (appsettings.json, environment, flags), the
/// database and its migrations, the game loop, the WebSocket endpoint, health, stats and metrics.
/// The executable and the end-to-end tests build the server the same way.
/// </summary>
public static class ServerApplication
{
    /// <summary>Builds the server from command-line arguments; <paramref name="configure"/> may adjust it (tests do).</summary>
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
        var settings = section.Get<ServerOptions>() ?? new ServerOptions();
        Validate(settings);
        builder.WebHost.UseUrls(settings.Listen);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxConcurrentUpgradedConnections = settings.Limits.MaxConnections);

        var services = builder.Services;
        services.Configure<ServerOptions>(section);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(Database(settings.Database));
        services.AddSingleton<ConnectionFactory>();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<SqlGameStore>();
        services.AddSingleton<IAccountStore>(sp => sp.GetRequiredService<SqlGameStore>());
        services.AddSingleton<ICharacterStore>(sp => sp.GetRequiredService<SqlGameStore>());
        services.AddSingleton<ISocialStore>(sp => sp.GetRequiredService<SqlGameStore>());
        services.AddSingleton(sp => new ServerMetrics(() => sp.GetRequiredService<GameLoop>().Online, () => sp.GetRequiredService<GameLoop>().Entities));
        services.AddSingleton<PersistenceWriter>();
        services.AddSingleton<PrivyTokenValidator>();
        services.AddSingleton<LiveKitTokenIssuer>();
        services.AddSingleton<SessionServices>();
        services.AddSingleton<GameLoop>();

        // Start order matters: the schema first, then the world.
        services.AddHostedService<SchemaMigrationService>();
        services.AddHostedService(sp => sp.GetRequiredService<GameLoop>());

        services.AddHealthChecks().AddCheck<GameHealthCheck>("game");
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ServerMetrics.MeterName, "System.Runtime", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());

        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Map(settings.Path, GameSocketEndpoint.HandleAsync);
        app.MapHealthChecks("/healthz");
        app.MapGet("/stats", (GameLoop loop) => loop.Stats());
        app.MapPrometheusScrapingEndpoint("/metrics");

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hyperscape.Host");
            foreach (var address in Addresses(app))
            {
                logger.LogInformation("Game socket at {Socket}; health at {Health}, metrics at {Metrics}",
                    GameSocket(address, settings.Path), new Uri(address, "/healthz"), new Uri(address, "/metrics"));
            }
        });
        return app;
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

    private static void Validate(ServerOptions options)
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(options.Listen, UriKind.Absolute, out var listen) || listen.Scheme is not ("http" or "https"))
        {
            problems.Add($"Hyperscape:Listen must be an http(s) URL such as http://127.0.0.1:5555, not '{options.Listen}'.");
        }

        if (!options.Path.StartsWith('/'))
        {
            problems.Add($"Hyperscape:Path must start with '/', not '{options.Path}'.");
        }

        if (options.SaveInterval <= TimeSpan.Zero)
        {
            problems.Add("Hyperscape:SaveInterval must be positive.");
        }

        if (options.ReconnectGrace < TimeSpan.Zero)
        {
            problems.Add("Hyperscape:ReconnectGrace cannot be negative.");
        }

        if (options.Limits.SendQueueBytes < 16 * 1024)
        {
            problems.Add("Hyperscape:Limits:SendQueueBytes must be at least 16384.");
        }

        if (!string.IsNullOrWhiteSpace(options.Privy.AppId) && !options.Privy.Enabled)
        {
            problems.Add("Hyperscape:Privy:AppId is set but neither VerificationKey nor Jwks is: tokens could not be verified.");
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(ServerOptions.Section, typeof(ServerOptions), problems);
        }
    }
}
