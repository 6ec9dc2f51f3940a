using Hyperscape.Ecs.Game.Social;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Server;
using Hyperscape.Ecs.Sync;

namespace Hyperscape.Host.Gameplay;

/// <summary>
/// Delivers chat: public chat to every client that sees the speaker (and the speaker), private
/// chat to any online player by name who does not ignore the speaker; anyone else is answered on
/// the system channel as if offline, so ignoring is never revealed. Game-loop thread only.
/// </summary>
internal sealed class ChatRouter(GameServer server, PresenceDirectory presence, Func<PlayerPresence, string, string, bool>? elsewhere = null, Action<PlayerPresence, string>? saidNearBorder = null)
{
    private readonly List<long> _audience = [];
    private readonly FixedBufferWriter _buffer = new(WireProtocol.MaxPacketSize * 2);

    public void Deliver(PlayerPresence speaker, ChatChannel channel, string? recipient, string text)
    {
        _buffer.Reset();
        if (channel == ChatChannel.Public)
        {
            ServerMessages.Chat(_buffer, ChatChannel.Public, speaker.NetworkId, speaker.Name, text);
            _audience.Clear();
            server.CollectClientsSeeing(speaker.NetworkId, _audience);
            if (speaker.Link is { } own && !_audience.Contains(own.ClientId))
            {
                _audience.Add(own.ClientId);
            }

            foreach (var clientId in _audience)
            {
                if (presence.TryGetByClient(clientId, out var listener))
                {
                    listener.Link!.Send(_buffer.WrittenSpan, PacketDelivery.Reliable);
                }
            }

            // Zone mode: players over the border who see the speaker's ghost hear it too.
            saidNearBorder?.Invoke(speaker, text);
            return;
        }

        var here = recipient is not null && presence.TryGetByName(recipient, out var target) ? target : null;
        if (here is null && recipient is not null && elsewhere is not null && elsewhere(speaker, recipient, text))
        {
            // Another zone may have the recipient: the answer comes back as Private or NotOnline.
            return;
        }

        if (here?.Link is null || !SocialRules.CanDeliverPrivate(here.Relations, speaker.CharacterId))
        {
            NotOnline(speaker.Link, recipient);
            return;
        }

        Private(here.Link, speaker.NetworkId, speaker.Name, text);
        Private(speaker.Link, speaker.NetworkId, speaker.Name, text);
    }

    /// <summary>
    /// Public chat of another zone's player, heard by whoever here sees its ghost (the speaker's
    /// network id is the ghost's).
    /// </summary>
    public void DeliverFromGhost(long speakerNetworkId, string speakerName, string text)
    {
        _buffer.Reset();
        ServerMessages.Chat(_buffer, ChatChannel.Public, speakerNetworkId, speakerName, text);
        _audience.Clear();
        server.CollectClientsSeeing(speakerNetworkId, _audience);
        foreach (var clientId in _audience)
        {
            if (presence.TryGetByClient(clientId, out var listener))
            {
                listener.Link!.Send(_buffer.WrittenSpan, PacketDelivery.Reliable);
            }
        }
    }

    /// <summary>A private message as its recipient (or its sender, echoed) sees it.</summary>
    public void Private(IClientLink? to, long fromNetworkId, string fromName, string text)
    {
        if (to is null)
        {
            return;
        }

        _buffer.Reset();
        ServerMessages.Chat(_buffer, ChatChannel.Private, fromNetworkId, fromName, text);
        to.Send(_buffer.WrittenSpan, PacketDelivery.Reliable);
    }

    /// <summary>Tells a sender its private message found nobody.</summary>
    public void NotOnline(IClientLink? to, string? recipient)
    {
        if (to is null)
        {
            return;
        }

        _buffer.Reset();
        ServerMessages.Chat(_buffer, ChatChannel.System, 0, "Server", $"{recipient} is not online.");
        to.Send(_buffer.WrittenSpan, PacketDelivery.Reliable);
    }
}
