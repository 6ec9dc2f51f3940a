using Hyperscape.Benchmarks.ClientPage;
using Microsoft.Playwright;

namespace Hyperscape.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright: never a downloaded browser. Without one, the browser
/// tests are skipped with the reason, or fail where <c>HYPERSCAPE_REQUIRE_BROWSER=1</c> (CI).
/// </summary>
internal static class SystemChromium
{
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var path = ChromiumLauncher.FindExecutable();
        if (path is null)
        {
            const string Reason = "No Chromium found (install Debian's chromium, or set HYPERSCAPE_CHROMIUM to a Chromium executable).";
            if (Environment.GetEnvironmentVariable("HYPERSCAPE_REQUIRE_BROWSER") == "1")
            {
                Assert.Fail(Reason);
            }

            Assert.Ignore(Reason);
        }

        var playwright = await Playwright.CreateAsync();
        return (playwright, await ChromiumLauncher.LaunchAsync(playwright, path));
    }
}
