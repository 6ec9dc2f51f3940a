using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hyperscape.Benchmarks.Load;

/// <summary>
/// The console server as a separate process (the Hyperscape.Host build that sits beside this
/// assembly), so the load generator measures a real server and a test can kill it as hard as a
/// power cut would, stop it as an operator would, or start it with a given environment and see
/// what it makes of it. Compiled into the tests too (a linked file).
/// </summary>
internal sealed partial class ServerProcess : IDisposable
{
    // Inherited variables that would change what the server does; a launch sets its own.
    private static readonly string[] Scrubbed =
    [
        "HYPERSCAPE_POSTGRES", "PRIVY_APP_ID", "PRIVY_VERIFICATION_KEY", "PRIVY_JWKS", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "LIVEKIT_URL",
    ];

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<string> _output = [];
    private TaskCompletionSource _wrote = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    /// <summary>The game socket, once the server said where it listens.</summary>
    public Uri Socket { get; private set; } = null!;

    /// <summary>The HTTP base address (health, stats, metrics).</summary>
    public Uri Http => new UriBuilder(Socket) { Scheme = "http", Path = "/" }.Uri;

    /// <summary>The server's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the server wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// Starts a server on a SQLite file with the test defaults (an ephemeral port, no Privy, no
    /// LiveKit, no PostgreSQL, whatever the environment says) plus <paramref name="flags"/>.
    /// </summary>
    public static Task<ServerProcess> StartAsync(string sqliteFile, params string[] flags) => StartAsync(SqliteLaunch(sqliteFile, flags));

    /// <summary>The launch <see cref="StartAsync(string, string[])"/> uses, to adjust before starting.</summary>
    public static ServerLaunch SqliteLaunch(string sqliteFile, params string[] flags) => new()
    {
        Flags = [$"--Hyperscape:Database:SqliteFile={sqliteFile}", "--Hyperscape:Database:PostgresConnectionString=", "--Hyperscape:Privy:AppId=", "--Hyperscape:LiveKit:ApiKey=", .. flags],
    };

    /// <summary>Starts a server as <paramref name="launch"/> says and waits until it listens.</summary>
    public static async Task<ServerProcess> StartAsync(ServerLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var server = Launch(launch);
        var exited = server._process.WaitForExitAsync();
        var first = await Task.WhenAny(server._listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != server._listening.Task)
        {
            var output = server.Output;
            server.Dispose();
            throw new InvalidOperationException($"The server did not come up. It wrote:\n{output}");
        }

        server.Socket = await server._listening.Task;
        return server;
    }

    /// <summary>Starts a server that is expected to refuse to start; returns its exit code and what it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(ServerLaunch launch, TimeSpan timeout)
    {
        using var server = Launch(launch);
        try
        {
            await server._process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The server did not exit within {timeout.TotalSeconds} s. It wrote:\n{server.Output}");
        }

        // The exit can overtake the last lines through the redirected pipes.
        server._process.WaitForExit();
        return (server._process.ExitCode, server.Output);
    }

    /// <summary>Waits until a line of output matches.</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task wrote;
            lock (_gate)
            {
                if (_output.FirstOrDefault(match) is { } line)
                {
                    return line;
                }

                wrote = _wrote.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No such line within {timeout.TotalSeconds} s. The server wrote:\n{Output}");
            }

            await Task.WhenAny(wrote, Task.Delay(left));
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    /// <summary>Waits for the process to exit on its own (a crash, a fault injected).</summary>
    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd or Docker stop a service; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static ServerProcess Launch(ServerLaunch launch)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Hyperscape.Host.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(launch.Cores is null ? dotnet : "taskset")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (launch.WorkingDirectory is not null)
        {
            start.WorkingDirectory = launch.WorkingDirectory;
        }

        if (launch.Cores is not null)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(launch.Cores);
            start.ArgumentList.Add(dotnet);
        }

        start.ArgumentList.Add(host);
        foreach (var argument in (string[])["--Hyperscape:Listen=http://127.0.0.1:0", "--Logging:LogLevel:Hyperscape.Host=Information", .. launch.Flags])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in Scrubbed)
        {
            start.Environment.Remove(variable);
        }

        foreach (var (variable, value) in launch.Environment)
        {
            start.Environment[variable] = value;
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("The server did not start."));
        server._process.OutputDataReceived += (_, line) => server.Read(line.Data);
        server._process.ErrorDataReceived += (_, line) => server.Read(line.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        TaskCompletionSource wrote;
        lock (_gate)
        {
            _output.Add(line);
            wrote = _wrote;
            _wrote = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wrote.TrySetResult();
        if (SocketLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Game socket at (ws://\S+?);")]
    private static partial Regex SocketLine();
}
