namespace Hyperscape.Ecs.Protocol;

/// <summary>A refusal with its code and a human-readable reason.</summary>
/// <param name="Code">What kind of failure.</param>
/// <param name="Message">Details for logs and developers.</param>
public readonly record struct ProtocolError(ProtocolErrorCode Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
