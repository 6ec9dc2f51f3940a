using Hyperscape.Tests.EndToEnd;
using Microsoft.Playwright;

namespace Hyperscape.Tests.Browser;

/// <summary>
/// One Chromium for a fixture's tests and a fresh server for each, with 25 ms frames (a 300 ms
/// tick, so walks and fights take half as long); each test's screenshots go to
/// TestResults/browser/&lt;test name&gt;, emptied first.
/// </summary>
[NonParallelizable]
public abstract class BrowserFixture
{
    private IPlaywright? _playwright;

    protected IBrowser Browser { get; private set; } = null!;

    private protected TestServer Server { get; private set; } = null!;

    protected string Screenshots { get; private set; } = null!;

    /// <summary>Settings the fixture's servers start with, beyond the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ServerSettings => new Dictionary<string, string?>();

    [OneTimeSetUp]
    public async Task LaunchBrowser() => (_playwright, Browser) = await SystemChromium.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseBrowser()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    [SetUp]
    public async Task StartServer()
    {
        var settings = new Dictionary<string, string?>(ServerSettings) { ["Hyperscape:FrameInterval"] = "00:00:00.025" };
        Server = await TestServer.StartAsync(settings);
        Screenshots = RepositoryRoot.Combine("TestResults", "browser", TestContext.CurrentContext.Test.Name);
        if (Directory.Exists(Screenshots))
        {
            Directory.Delete(Screenshots, recursive: true);
        }
    }

    [TearDown]
    public async Task StopServer()
    {
        // A page left open keeps drawing 60 frames a second and retrying its lost server: on two
        // cores, a run's worth of them starved the last tests' pages.
        foreach (var context in Browser.Contexts.ToList())
        {
            await context.CloseAsync();
        }

        await Server.DisposeAsync();
    }
}
