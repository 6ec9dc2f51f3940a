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
internal sealed class ChatRouter(GameServer server, PresenceDirectory presence)
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

            return;
        }

        if (recipient is null || !presence.TryGetByName(recipient, out var target) || target.Link is null
            || !SocialRules.CanDeliverPrivate(target.Relations, speaker.CharacterId))
        {
            ServerMessages.Chat(_buffer, ChatChannel.System, 0, "Server", $"{recipient} is not online.");
            speaker.Link?.Send(_buffer.WrittenSpan, PacketDelivery.Reliable);
            return;
        }

        ServerMessages.Chat(_buffer, ChatChannel.Private, speaker.NetworkId, speaker.Name, text);
        target.Link.Send(_buffer.WrittenSpan, PacketDelivery.Reliable);
        speaker.Link?.Send(_buffer.WrittenSpan, PacketDelivery.Reliable);
    }
}
