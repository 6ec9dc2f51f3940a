namespace Hyperscape.Host.Hosting;

/// <summary>
/// What the process exit code reports about the way the server stopped. Parts of the server
/// record what went wrong; the worst outcome wins.
/// </summary>
public sealed class ShutdownOutcome
{
    /// <summary>Stopped with every character saved.</summary>
    public const int Clean = 0;

    /// <summary>Stopped, but some characters could not be saved within the shutdown timeout.</summary>
    public const int CharactersNotSaved = 3;

    /// <summary>The game loop failed; everyone it could save was saved before the server stopped.</summary>
    public const int GameLoopFailed = 4;

    private int _exitCode;

    /// <summary>The exit code the process should end with.</summary>
    public int ExitCode => Volatile.Read(ref _exitCode);

    /// <summary>Records an outcome; a lesser one never overrides a worse one already recorded.</summary>
    public void Record(int exitCode)
    {
        int current;
        do
        {
            current = Volatile.Read(ref _exitCode);
            if (Severity(exitCode) <= Severity(current))
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _exitCode, exitCode, current) != current);
    }

    // Unsaved characters are the worst news: they are data lost, whatever else happened.
    private static int Severity(int exitCode) => exitCode switch
    {
        CharactersNotSaved => 2,
        GameLoopFailed => 1,
        _ => 0,
    };
}
