using Hyperscape.Host.Hosting;

namespace Hyperscape.Host.Operations;

/// <summary>
/// Sets the scheduling priority (nice value) of the runtime's background garbage-collector thread on
/// Linux, found by the name the runtime gives it.
/// </summary>
/// <remarks>
/// A background collection marks concurrently, then stops every thread once more for a final mark
/// that revisits what the program changed meanwhile. At normal priority on a busy core its marking
/// shares the core with the socket threads and yields to the game loop, and stretched over 300-660 ms;
/// the final pause grew with it, to 7-15 ms (at 2,000 bots, against 0.7-2.5 ms when the marking took
/// under 150 ms). Ahead of the socket threads but behind the game loop, the marking ends sooner at
/// the sockets' expense, not the game's.
/// </remarks>
internal static class BackgroundCollectorPriority
{
    /// <summary>The name the runtime gives its background collector thread (in /proc, at most 15 characters).</summary>
    public const string ThreadName = ".NET BGC";

    /// <summary>
    /// Sets the nice value of the background collector thread; returns why not when it could not
    /// (null when it did). The thread exists only once the runtime has run a background collection.
    /// </summary>
    public static string? TrySet(int nice) => TrySet(nice, "/proc/self/task", ThreadNice.TrySet);

    /// <summary>
    /// <see cref="TrySet(int)"/> over a task directory laid out as Linux's (one folder per thread id,
    /// each with a <c>comm</c> file holding its name), setting a thread with <paramref name="setNice"/>
    /// (thread id, nice; null when done, else why not).
    /// </summary>
    internal static string? TrySet(int nice, string taskDirectory, Func<int, int, string?> setNice)
    {
        if (!Directory.Exists(taskDirectory))
        {
            return "thread priorities are set on Linux only";
        }

        foreach (var task in Directory.EnumerateDirectories(taskDirectory))
        {
            if (!int.TryParse(Path.GetFileName(task), out var threadId) || !IsCollectorThread(task))
            {
                continue;
            }

            return setNice(threadId, nice);
        }

        return "the runtime has no background collector thread";
    }

    private static bool IsCollectorThread(string task)
    {
        try
        {
            return File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == ThreadName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // the thread ended while the list was read
        }
    }
}
