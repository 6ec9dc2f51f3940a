using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Hyperscape.Host.Networking;

/// <summary>
/// Accepts a game WebSocket. An HTTP/1.1 upgrade is answered here (RFC 6455's handshake) so the
/// socket can sit on a <see cref="ClientFrameStream"/>; anything else (WebSockets over HTTP/2)
/// goes through ASP.NET Core's own accept, without it.
/// </summary>
internal static class WebSocketHandshake
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>The socket, and the frame stream under it when there is one.</summary>
    public static async Task<(WebSocket Socket, ClientFrameStream? Frames)> AcceptAsync(HttpContext context, TimeSpan keepAlive)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var key = context.Request.Headers.SecWebSocketKey.ToString();
        if (upgrade is not { IsUpgradableRequest: true } || !HttpMethods.IsGet(context.Request.Method)
            || context.Request.Headers.SecWebSocketVersion.ToString() != "13" || !IsValidKey(key))
        {
            return (await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = keepAlive }).ConfigureAwait(false), null);
        }

        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
        var frames = new ClientFrameStream(await upgrade.UpgradeAsync().ConfigureAwait(false));
        var socket = WebSocket.CreateFromStream(frames, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = keepAlive });
        return (socket, frames);
    }

    private static bool IsValidKey(string key)
    {
        Span<byte> decoded = stackalloc byte[24];
        return Convert.TryFromBase64String(key, decoded, out var length) && length == 16;
    }
}
