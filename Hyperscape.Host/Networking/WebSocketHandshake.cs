using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Hyperscape.Host.Networking;

/// <summary>
/// Accepts a game WebSocket. An HTTP/1.1 upgrade is answered here (RFC 6455's handshake) and the
/// connection then speaks WebSocket through a <see cref="PipeWebSocketTransport"/>; anything else
/// (WebSockets over HTTP/2) goes through ASP.NET Core's own accept and the runtime's WebSocket.
/// </summary>
internal static class WebSocketHandshake
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Answers the handshake and returns the transport of the accepted socket.</summary>
    public static async Task<WebSocketTransport> AcceptAsync(HttpContext context, TimeSpan keepAlive)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var key = context.Request.Headers.SecWebSocketKey.ToString();
        if (upgrade is not { IsUpgradableRequest: true } || !HttpMethods.IsGet(context.Request.Method)
            || context.Request.Headers.SecWebSocketVersion.ToString() != "13" || !IsValidKey(key))
        {
            var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = keepAlive }).ConfigureAwait(false);
            return new RuntimeWebSocketTransport(socket);
        }

        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
        var output = await upgrade.UpgradeAsync().ConfigureAwait(false);

        // Kestrel hands over its connection's pipe, positioned just after the upgrade request:
        // frames are read from it directly. A server without one gets the upgrade stream as a pipe.
        var input = context.Features.Get<IConnectionTransportFeature>()?.Transport.Input
            ?? PipeReader.Create(output, new StreamPipeReaderOptions(leaveOpen: true));
        return new PipeWebSocketTransport(input, output, keepAlive);
    }

    private static bool IsValidKey(string key)
    {
        Span<byte> decoded = stackalloc byte[24];
        return Convert.TryFromBase64String(key, decoded, out var length) && length == 16;
    }
}
