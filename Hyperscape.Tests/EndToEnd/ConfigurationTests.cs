using Dapper;
using Hyperscape.Benchmarks.Load;
using Hyperscape.Ecs.Content;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Tests.Authentication;
using Hyperscape.Tests.Persistence;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>
/// The real server process, started the way an operator starts it: with the README's shortcut
/// variables, <c>Hyperscape__*</c> variables and flags, and with bad values. What it says it does
/// at start-up, and what it then does, must be what the configuration says.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ConfigurationTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(60);
    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder("config");

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task Privy_shortcut_variables_make_tokens_required()
    {
        using var tokens = new PrivyTokenFactory();
        using var server = await ServerProcess.StartAsync(Launch(new()
        {
            ["PRIVY_APP_ID"] = PrivyTokenFactory.AppId,
            ["PRIVY_VERIFICATION_KEY"] = tokens.PublicKeyPem,
        }));

        var mode = await ModeLineAsync(server);
        Assert.That(mode, Does.Contain($"authentication Privy app {PrivyTokenFactory.AppId}, keys from a PEM verification key"));
        Assert.That(mode, Does.Not.Contain("BEGIN PUBLIC KEY"), "key material stays out of the log");

        await using var anonymous = await TestClient.ConnectAsync(server.Socket);
        await anonymous.SendAsync(w => ClientMessages.Hello(w, null, null));
        var refused = await anonymous.WaitForMessageAsync(MessageType.Error);
        Assert.That(refused.Long(1), Is.EqualTo((long)ProtocolErrorCode.Unauthorized));

        await using var player = await TestClient.ConnectAsync(server.Socket);
        await player.HelloAsync(token: tokens.Create());
    }

    [Test]
    public async Task A_jwks_file_from_its_shortcut_variable_is_the_key_source()
    {
        using var tokens = new PrivyTokenFactory();
        var jwks = _folder.File("privy.jwks");
        await File.WriteAllTextAsync(jwks, tokens.Jwks);
        using var server = await ServerProcess.StartAsync(Launch(new() { ["PRIVY_APP_ID"] = PrivyTokenFactory.AppId, ["PRIVY_JWKS"] = jwks }));

        Assert.That(await ModeLineAsync(server), Does.Contain($"keys from the JWKS file {jwks}"));
        await using var player = await TestClient.ConnectAsync(server.Socket);
        await player.HelloAsync(token: tokens.Create());
    }

    [Test]
    public async Task The_postgres_shortcut_variable_puts_the_data_in_postgres()
    {
        var connection = await PostgresServer.NewDatabaseAsync();
        using (var server = await ServerProcess.StartAsync(Launch(new() { ["HYPERSCAPE_POSTGRES"] = connection })))
        {
            var mode = await ModeLineAsync(server);
            var database = new Npgsql.NpgsqlConnectionStringBuilder(connection);
            Assert.That(mode, Does.Contain($"database PostgreSQL {database.Host}:{database.Port}/{database.Database}"));
            await using var player = await TestClient.EnterAsync(server.Socket, "Pg");
        }

        await using var postgres = new Npgsql.NpgsqlConnection(connection);
        Assert.That(await postgres.ExecuteScalarAsync<string>("SELECT name FROM characters"), Is.EqualTo("Pg"));
        Assert.That(Directory.GetFiles(_folder.Path, "*.db"), Is.Empty, "no SQLite file was written instead");
    }

    [Test]
    public async Task LiveKit_shortcut_variables_turn_voice_on()
    {
        using var server = await ServerProcess.StartAsync(Launch(new()
        {
            ["LIVEKIT_API_KEY"] = "key",
            ["LIVEKIT_API_SECRET"] = "a-secret-long-enough-for-hs256-signing",
            ["LIVEKIT_URL"] = "wss://voice.example",
        }));

        var mode = await ModeLineAsync(server);
        Assert.That(mode, Does.Contain("voice on (LiveKit wss://voice.example"));
        Assert.That(mode, Does.Not.Contain("a-secret"));
        await using var player = await TestClient.EnterAsync(server.Socket, "Talker");
        await player.SendAsync(ClientMessages.RequestVoiceToken);
        var voice = await player.WaitForMessageAsync(MessageType.VoiceToken);
        Assert.That(voice.Flag(1), Is.True);
    }

    [Test]
    public async Task Without_shortcuts_the_server_says_it_is_anonymous_on_sqlite_without_voice()
    {
        using var server = await ServerProcess.StartAsync(Launch([]));
        var mode = await ModeLineAsync(server);
        Assert.That(mode, Does.Contain("authentication anonymous"));
        Assert.That(mode, Does.Contain($"database SQLite file {_folder.File("hyperscape.db")}"));
        Assert.That(mode, Does.EndWith("voice off"));
    }

    [Test]
    public async Task The_server_runs_the_segments_collector_and_says_so()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("the segments collector is configured on Linux only");
        }

        using var server = await ServerProcess.StartAsync(Launch([]));
        var said = await server.WaitForOutputAsync(line => line.Contains("Garbage collector:", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.That(said, Does.Contain("workstation, concurrent, segments (libclrgc.so)"));
        var maps = await File.ReadAllLinesAsync($"/proc/{server.ProcessId}/maps");
        Assert.That(maps, Has.Some.EndsWith("/libclrgc.so"), "the runtime loaded it, not only the log line");
    }

    [Test]
    public async Task Hyperscape_variables_beat_shortcuts_and_flags_beat_both()
    {
        using var tokens = new PrivyTokenFactory();
        var environment = new Dictionary<string, string?>
        {
            ["PRIVY_APP_ID"] = "from-shortcut",
            ["PRIVY_VERIFICATION_KEY"] = tokens.PublicKeyPem,
            ["Hyperscape__Privy__AppId"] = "from-variable",
        };
        using (var server = await ServerProcess.StartAsync(Launch(environment)))
        {
            Assert.That(await ModeLineAsync(server), Does.Contain("Privy app from-variable,"));
        }

        using (var server = await ServerProcess.StartAsync(Launch(environment, "--Hyperscape:Privy:AppId=from-flag")))
        {
            Assert.That(await ModeLineAsync(server), Does.Contain("Privy app from-flag,"));
        }
    }

    [Test]
    public async Task The_game_loop_runs_ahead_of_socket_work_where_the_process_may_raise_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("thread priorities are set on Linux only");
        }

        using var server = await ServerProcess.StartAsync(Launch([]));
        var privileged = Environment.UserName == "root";
        var said = await server.WaitForOutputAsync(line => line.Contains("The game loop runs at", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.That(said, Does.Contain(privileged ? "The game loop runs at nice -20 and stops for a collection between clients" : "The game loop runs at normal priority"));
        var task = Directory.GetDirectories($"/proc/{server.ProcessId}/task")
            .Single(t => File.ReadAllText(Path.Combine(t, "comm")).Trim() == "game-loop");
        var stat = File.ReadAllText(Path.Combine(task, "stat"));

        // Field 19 of /proc/<pid>/task/<tid>/stat is the nice value; fields count from after the command's closing parenthesis.
        var nice = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(nice, Is.EqualTo(privileged ? -20 : 0), privileged ? "root may raise it" : "without the right it stays normal");
    }

    [Test]
    public async Task Bad_values_stop_start_up_with_every_problem_listed_and_exit_code_2()
    {
        var (code, output) = await ServerProcess.RunUntilExitAsync(Launch(
            new() { ["Hyperscape__Limits__MessagesPerSecond"] = "-5" },
            "--Hyperscape:SaveInterval=banana",
            "--Hyperscape:Limits:MaxConnections=abc",
            "--Hyperscape:Limits:MaxConection=10"), ExitWithin);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("Hyperscape:SaveInterval: 'banana' is not a duration"));
            Assert.That(output, Does.Contain("Hyperscape:Limits:MaxConnections: 'abc' is not a whole number"));
            Assert.That(output, Does.Contain("Hyperscape:Limits:MaxConection: there is no such setting"));
            Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
        });

        // Values that parse but are out of range are listed together too.
        (code, output) = await ServerProcess.RunUntilExitAsync(Launch(
            new() { ["Hyperscape__Limits__MessagesPerSecond"] = "-5" },
            "--Hyperscape:Limits:MaxConnections=0",
            "--Hyperscape:GameThreadNice=-30",
            "--Hyperscape:BackgroundGcInterval=00:00:25",
            "--Hyperscape:BackgroundGcNice=25",
            "--Hyperscape:Limits:StallTimeout=-00:00:01"), ExitWithin);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("Hyperscape:Limits:MessagesPerSecond: must be a positive number, not -5"));
            Assert.That(output, Does.Contain("Hyperscape:Limits:MaxConnections: must be within 1..1000000, not 0"));
            Assert.That(output, Does.Contain("Hyperscape:Limits:StallTimeout: must be positive"));
            Assert.That(output, Does.Contain("Hyperscape:GameThreadNice: must be a nice value from -20 to 19 (0 leaves the priority alone), not -30."));
            Assert.That(output, Does.Contain("Hyperscape:BackgroundGcInterval: must be more than 0 and at most 18 seconds (the runtime's background collector thread exits after 20 s idle), or zero to never ask, not 00:00:25."));
            Assert.That(output, Does.Contain("Hyperscape:BackgroundGcNice: must be a nice value from -20 to 19 (0 leaves the priority alone), not 25."));
            Assert.That(output, Does.Not.Contain("   at "));
        });

        (code, output) = await ServerProcess.RunUntilExitAsync(Launch([], "--Hyperscape:Limits:MaxConnections=-1"), ExitWithin);
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("Hyperscape:Limits:MaxConnections: must be within 1..1000000, not -1"));
    }

    [Test]
    public async Task A_content_folder_with_problems_stops_start_up_with_each_of_them()
    {
        var folder = Directory.CreateDirectory(_folder.File("broken")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "world.json"), """
            { "version": 1, "map": { "width": 10, "height": 10, "walls": [ { "from": [3, 3], "to": [3, 3] } ] },
              "playerSpawn": [1, 1], "npcSpawns": [ { "npc": "dragon", "at": [2, 2] }, { "npc": "cow", "at": [3, 3] } ] }
            """);
        await File.WriteAllTextAsync(Path.Combine(folder, "npcs.json"), """
            { "version": 1, "npcs": [ { "id": "cow", "name": "Cow", "attack": 1, "strength": 1, "defence": 1, "hitpoints": 8,
              "drops": { "always": [ { "item": "milk" } ] } } ] }
            """);

        var (code, output) = await ServerProcess.RunUntilExitAsync(Launch([], $"--Hyperscape:World:Content={folder}"), ExitWithin);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("Hyperscape:World:Content: npcs.json: npcs[0].drops.always[0].item: no item has the id 'milk'"));
            Assert.That(output, Does.Contain("Hyperscape:World:Content: world.json: npcSpawns[0].npc: no NPC type has the id 'dragon'"));
            Assert.That(output, Does.Contain("Hyperscape:World:Content: world.json: npcSpawns[1].at: (3, 3) is a wall, water or an object"));
            Assert.That(output, Does.Not.Contain("   at "));
        });

        (code, output) = await ServerProcess.RunUntilExitAsync(Launch([], $"--Hyperscape:World:Content={_folder.File("none")}"), ExitWithin);
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("Hyperscape:World:Content: no folder at"));
    }

    [Test]
    public async Task The_server_plays_the_content_it_is_given_and_keeps_the_ids_it_gave()
    {
        var folder = Directory.CreateDirectory(_folder.File("small")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "world.json"), """
            { "version": 1, "map": { "width": 40, "height": 30 }, "playerSpawn": [20, 15],
              "npcSpawns": [ { "npc": "cow", "at": [22, 15] } ] }
            """);
        var database = _folder.File("small.db");
        var settings = new Dictionary<string, string?> { ["Hyperscape:World:Content"] = folder, ["Hyperscape:Database:SqliteFile"] = database };
        await using (var server = await TestServer.StartAsync(settings))
        {
            using var http = new HttpClient { BaseAddress = server.Http };
            using var world = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/world", UriKind.Relative)));
            Assert.That((world.RootElement.GetProperty("width").GetInt32(), world.RootElement.GetProperty("height").GetInt32()), Is.EqualTo((40, 30)));

            await using var player = await TestClient.EnterAsync(server.Socket, "Walker");
            await player.WaitUntilAsync(c => c.World!.Entities.Count >= 2, "the player and the cow in view");
            Assert.That(player.World!.Entities[player.NetworkId].X, Is.EqualTo(20));
        }

        // A new item placed first in the file gets the next free id; coins keep theirs.
        var items = System.Text.Json.Nodes.JsonNode.Parse(GameContent.DefaultFiles[GameContent.ItemsFile])!;
        items["items"]!.AsArray().Insert(0, new System.Text.Json.Nodes.JsonObject { ["id"] = "pot_of_flour", ["name"] = "Pot of flour" });
        await File.WriteAllTextAsync(Path.Combine(folder, "items.json"), items.ToJsonString());
        await using (var server = await TestServer.StartAsync(settings))
        {
            using var http = new HttpClient { BaseAddress = server.Http };
            using var world = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/world", UriKind.Relative)));
            var ids = world.RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("id").GetInt32());
            Assert.That((ids["Coins"], ids["Big bones"], ids["Pot of flour"]), Is.EqualTo((ItemIds.Coins, ItemIds.BigBones, GameContent.Default.Items.MaxId + 1)));
        }
    }

    [Test]
    public async Task A_half_configured_privy_or_livekit_is_an_error()
    {
        var (code, output) = await ServerProcess.RunUntilExitAsync(Launch(new() { ["PRIVY_APP_ID"] = "app", ["LIVEKIT_API_KEY"] = "key" }), ExitWithin);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("Hyperscape:Privy:AppId: is set but neither VerificationKey nor Jwks is"));
            Assert.That(output, Does.Contain("Hyperscape:LiveKit: ApiKey, ApiSecret and Url go together; 1 of 3 are set"));
        });

        (code, output) = await ServerProcess.RunUntilExitAsync(Launch(new() { ["PRIVY_APP_ID"] = "app", ["PRIVY_VERIFICATION_KEY"] = "not a key" }), ExitWithin);
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("Hyperscape:Privy:VerificationKey: is not a PEM-encoded EC public key"));
    }

    [Test]
    public async Task An_unreachable_database_is_one_line_and_exit_code_1()
    {
        var (code, output) = await ServerProcess.RunUntilExitAsync(Launch(new() { ["HYPERSCAPE_POSTGRES"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=hunter2;Database=nowhere;Timeout=3" }), ExitWithin);
        var problem = output.Split('\n').Where(l => l.Contains("could not start", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Assert.That(problem, Has.Count.EqualTo(1), output);
            Assert.That(problem.Single(), Does.Contain("PostgreSQL 127.0.0.1:1/nowhere"));
            Assert.That(output, Does.Not.Contain("hunter2"), "never the password");
            Assert.That(output, Does.Not.Contain("   at "), "no stack trace at the default log level");
        });
    }

    /// <summary>A launch like an operator's: no flags but the listen address and the ones given.</summary>
    private ServerLaunch Launch(Dictionary<string, string?> environment, params string[] flags) => new()
    {
        Environment = environment,
        Flags = flags,
        WorkingDirectory = _folder.Path,
    };

    private static Task<string> ModeLineAsync(ServerProcess server) =>
        server.WaitForOutputAsync(line => line.Contains("Mode: authentication", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
}
