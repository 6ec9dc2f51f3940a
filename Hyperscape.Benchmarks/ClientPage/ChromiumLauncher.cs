using Microsoft.Playwright;

namespace Hyperscape.Benchmarks.ClientPage;

/// <summary>
/// Starts the system's Chromium (Debian's <c>chromium</c> package) through Playwright, never a
/// browser Playwright downloads: the browser tests and the client measurement share it.
/// </summary>
internal static class ChromiumLauncher
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The Chromium to drive: <c>HYPERSCAPE_CHROMIUM</c>, else the first installed candidate, else null.</summary>
    public static string? FindExecutable() =>
        Environment.GetEnvironmentVariable("HYPERSCAPE_CHROMIUM") is { Length: > 0 } configured
            ? (File.Exists(configured) ? configured : null)
            : Candidates.FirstOrDefault(File.Exists);

    /// <summary>Launches it headless.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string executable) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,

            // As root in a container Chromium needs --no-sandbox; the rest keep it off the closed
            // network here (it would otherwise try Google's services at every start).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
}
