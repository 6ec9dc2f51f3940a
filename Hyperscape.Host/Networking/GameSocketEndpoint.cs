using Hyperscape.Host.Configuration;
using Hyperscape.Host.Gameplay;
using Microsoft.Extensions.Options;

namespace Hyperscape.Host.Networking;

/// <summary>The HTTP side of the game socket: upgrade the request and run a <see cref="GameSession"/> on it.</summary>
internal static class GameSocketEndpoint
{
    public static async Task HandleAsync(HttpContext context, GameLoop loop, SessionServices services, IOptions<ServerOptions> options)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("Game clients connect here with a WebSocket.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (loop.Stopping)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var session = new GameSession(socket, loop, services, options.Value);
        loop.CountConnection(+1);
        try
        {
            await session.RunAsync(context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            loop.CountConnection(-1);
        }
    }
}
