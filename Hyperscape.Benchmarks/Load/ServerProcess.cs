using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hyperscape.Benchmarks.Load;

/// <summary>
/// The console server as a separate process (the Hyperscape.Host build that sits beside this
/// assembly), so the load generator measures a real server and a test can kill it as hard as a
/// power cut would, or stop it as an operator would. Compiled into the tests too (a linked file).
/// </summary>
internal sealed partial class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<string> _output = [];

    private ServerProcess(Process process) => _process = process;

    /// <summary>The game socket, once the server said where it listens.</summary>
    public Uri Socket { get; private set; } = null!;

    /// <summary>The HTTP base address (health, stats, metrics).</summary>
    public Uri Http => new UriBuilder(Socket) { Scheme = "http", Path = "/" }.Uri;

    /// <summary>The server's process id.</summary>
    public int ProcessId => _process.Id;

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

    public static async Task<ServerProcess> StartAsync(string sqliteFile, params string[] flags)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Hyperscape.Host.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        foreach (var argument in (string[])["--Hyperscape:Listen=http://127.0.0.1:0", $"--Hyperscape:Database:SqliteFile={sqliteFile}", "--Hyperscape:Database:PostgresConnectionString=", "--Hyperscape:Privy:AppId=", "--Hyperscape:LiveKit:ApiKey=", "--Logging:LogLevel:Hyperscape.Host=Information", .. flags])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("HYPERSCAPE_POSTGRES");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("The server did not start."));
        server._process.OutputDataReceived += (_, line) => server.Read(line.Data);
        server._process.ErrorDataReceived += (_, line) => server.Read(line.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var exited = server._process.WaitForExitAsync();
        var first = await Task.WhenAny(server._listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != server._listening.Task)
        {
            server.Dispose();
            throw new InvalidOperationException($"The server did not come up. It wrote:\n{server.Output}");
        }

        server.Socket = await server._listening.Task;
        return server;
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
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

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Add(line);
        }

        if (SocketLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Game socket at (ws://\S+?);")]
    private static partial Regex SocketLine();
}
