using Hyperscape.Tests.Authentication;

namespace Hyperscape.Tests.Browser;

/// <summary>
/// The browser client against a server configured as in production, with Privy and LiveKit: a
/// pasted access token logs in, the page fetches its voice token, and a second login of the same
/// character takes over with a message instead of a reconnect loop.
/// </summary>
public sealed class BrowserAccountTests : BrowserFixture
{
    private readonly PrivyTokenFactory _tokens = new();

    protected override IReadOnlyDictionary<string, string?> ServerSettings => new Dictionary<string, string?>
    {
        ["Hyperscape:Privy:AppId"] = PrivyTokenFactory.AppId,
        ["Hyperscape:Privy:VerificationKey"] = _tokens.PublicKeyPem,
        ["Hyperscape:LiveKit:ApiKey"] = "browser-key",
        ["Hyperscape:LiveKit:ApiSecret"] = "livekit-secret-for-the-browser-tests-0123",
        ["Hyperscape:LiveKit:Url"] = "wss://voice.example",
        ["Hyperscape:LiveKit:Room"] = "browser-room",
    };

    [OneTimeTearDown]
    public void DisposeTokens() => _tokens.Dispose();

    [Test]
    public async Task APrivyTokenLogsInAndThePageFetchesItsVoiceToken()
    {
        var player = await GamePage.EnterAsync(Browser, Server.Http, "Voiced", Screenshots, _tokens.Create("did:privy:voiced"));
        await player.Page.PressAsync("body", "6");
        await player.Page.WaitForFunctionAsync("() => document.getElementById('voice-status').textContent.includes('browser-room')");
        await player.ShotAsync("voice-token");
        Assert.That(await player.Page.InnerTextAsync("#voice-status"), Does.Contain("token for room browser-room").And.Contain("wss://voice.example"));
    }

    [Test]
    public async Task ASecondLoginOfTheCharacterTakesOverWithAMessageNotALoop()
    {
        var token = _tokens.Create("did:privy:twice");
        var first = await GamePage.EnterAsync(Browser, Server.Http, "Twice", Screenshots, token);
        var second = await GamePage.EnterAsync(Browser, Server.Http, "Twice", Screenshots, token);
        await first.Page.WaitForSelectorAsync("#banner[data-state='closed']:not(.hidden)");
        await first.ShotAsync("taken-over");
        Assert.That(await first.Page.InnerTextAsync("#banner"), Is.EqualTo("You logged in from another window or device."));

        // No reconnect loop: seconds later the first page is still closed and the second plays on.
        await first.Page.WaitForTimeoutAsync(2_000);
        Assert.That(await first.Page.GetAttributeAsync("#banner", "data-state"), Is.EqualTo("closed"));
        Assert.That(await second.ProbeAsync<string>("phase()"), Is.EqualTo("world"));
        Assert.That(await second.ProbeAsync<long>("networkId()"), Is.EqualTo(first.NetworkId), "the same character, now in the second page");
        Assert.That(await second.Page.IsVisibleAsync("#banner"), Is.False);
    }
}
