namespace Hyperscape.Ecs.Protocol;

/// <summary>
/// The first element of every message. Client messages are below 64, server messages from 64 up.
/// Stable numbers: never renumber, only add.
/// </summary>
public enum MessageType : byte
{
    /// <summary>Client: [1, version, accessToken | nil, resumeToken | nil].</summary>
    Hello = 1,

    /// <summary>Client: [2, kind, target, slot, quantity, x, z, value]; an intent, see <see cref="Game.Actions.ActionKind"/>.</summary>
    Action = 2,

    /// <summary>Client: [3, channel, recipient | nil, text].</summary>
    Chat = 3,

    /// <summary>Client: [4, operation, name]; friend and ignore list changes.</summary>
    Social = 4,

    /// <summary>Client: [5]; asks for the account's characters.</summary>
    ListCharacters = 5,

    /// <summary>Client: [6, name].</summary>
    CreateCharacter = 6,

    /// <summary>Client: [7, characterId]; enters the world.</summary>
    SelectCharacter = 7,

    /// <summary>Client: [8]; asks for a voice token.</summary>
    RequestVoiceToken = 8,

    /// <summary>Client: [9, clientTime].</summary>
    Ping = 9,

    /// <summary>Client: [10, mode]; 0 voice activation, 1 push-to-talk.</summary>
    SetVoiceMode = 10,

    /// <summary>Server: [64, version, accountId].</summary>
    Welcome = 64,

    /// <summary>Server: [65, [[characterId, name, combatLevel], ...]].</summary>
    CharacterList = 65,

    /// <summary>Server: [66, networkId, tick, resumeToken].</summary>
    EnteredWorld = 66,

    /// <summary>Server: [67, frame, tick, [entry, ...]]; see the sync section of the protocol document.</summary>
    Sync = 67,

    /// <summary>Server: [68, tick, [[kind, subject, other, a, b, c, reason, transaction], ...]].</summary>
    Event = 68,

    /// <summary>Server: [69, channel, fromNetworkId, fromName, text].</summary>
    ChatMessage = 69,

    /// <summary>Server: [70, code, message].</summary>
    Error = 70,

    /// <summary>Server: [71, operation, name, online].</summary>
    SocialUpdate = 71,

    /// <summary>Server: [72, enabled, url | nil, token | nil, room | nil].</summary>
    VoiceToken = 72,

    /// <summary>Server: [73, clientTime, serverTime].</summary>
    Pong = 73,

    /// <summary>Server: continue in another zone: [74, zone, address, resumeToken or nil] (zone mode; see docs/PROTOCOL.md).</summary>
    ZoneChange = 74,
}
