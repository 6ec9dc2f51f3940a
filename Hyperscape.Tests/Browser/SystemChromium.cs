using Microsoft.Playwright;

namespace Hyperscape.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright: never a downloaded browser. Without one, the browser
/// tests are skipped with the reason, or fail where <c>HYPERSCAPE_REQUIRE_BROWSER=1</c> (CI).
/// </summary>
internal static class SystemChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("HYPERSCAPE_CHROMIUM") is { Length: > 0 } configured ? configured : Candidates.FirstOrDefault(File.Exists);
        if (path is null || !File.Exists(path))
        {
            const string Reason = "No Chromium found (install Debian's chromium, or set HYPERSCAPE_CHROMIUM to a Chromium executable).";
            if (Environment.GetEnvironmentVariable("HYPERSCAPE_REQUIRE_BROWSER") == "1")
            {
                Assert.Fail(Reason);
            }

            Assert.Ignore(Reason);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,

            // As root in a container Chromium needs --no-sandbox; the rest keep it off the closed
            // network here (it would otherwise try Google's services at every start).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }
}
