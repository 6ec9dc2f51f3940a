using Hyperscape.Host.Configuration;
using Hyperscape.Host.Gameplay;
using Hyperscape.Host.Sessions;
using Microsoft.Extensions.Options;

namespace Hyperscape.Host.Networking;

/// <summary>The HTTP side of the game socket: admit the connection, upgrade it, and run a session on it.</summary>
internal static class GameSocketEndpoint
{
    private const string RetryAfterSeconds = "5";

    /// <summary>Pings keep idle connections alive through proxies and reveal dead ones.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    public static async Task HandleAsync(HttpContext context, GameLoop loop, CharacterLobby lobby, SessionServices services, ConnectionAdmission admission, IOptions<ServerOptions> options)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("Game clients connect here with a WebSocket.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (loop.Stopping)
        {
            await RefuseAsync(context, "The server is shutting down.").ConfigureAwait(false);
            return;
        }

        if (!admission.TryAdmit(context.Connection.RemoteIpAddress, out var ticket, out var refusal))
        {
            await RefuseAsync(context, $"Not now: {refusal}.").ConfigureAwait(false);
            return;
        }

        using (ticket)
        {
            var transport = await WebSocketHandshake.AcceptAsync(context, KeepAlive).ConfigureAwait(false);
            await using (transport.ConfigureAwait(false))
            {
                var connection = new WebSocketConnection(transport, loop.NewClientId(), context.Connection.RemoteIpAddress, options.Value.Limits, loop.Metrics, services.Logger);
                var session = new ClientSession(connection, loop, lobby, services, options.Value, ticket!);
                await session.RunAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private static Task RefuseAsync(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return context.Response.WriteAsync(reason, context.RequestAborted);
    }
}
