namespace Hyperscape.Host.Authentication;

/// <summary>Who a hello's token says the client is, or why it was refused.</summary>
/// <param name="Succeeded">True when the client may continue.</param>
/// <param name="PrivyUserId">The verified Privy user id (the token's <c>sub</c>); null for an anonymous session.</param>
/// <param name="Error">Why the token was refused.</param>
public readonly record struct AuthenticationResult(bool Succeeded, string? PrivyUserId, string? Error)
{
    /// <summary>An anonymous session (Privy is not configured).</summary>
    public static AuthenticationResult Anonymous { get; } = new(true, null, null);

    /// <summary>A refusal.</summary>
    public static AuthenticationResult Refused(string error) => new(false, null, error);
}
