using Hyperscape.Ecs.Game.Actions;

namespace Hyperscape.Ecs.Protocol;

/// <summary>
/// A decoded client message. One flat shape for every type; which fields are set depends on
/// <see cref="Type"/>, as listed on <see cref="MessageType"/>. Clients can only express intents:
/// no field of any message sets server state directly.
/// </summary>
/// <param name="Type">The message type.</param>
/// <param name="Action">For <see cref="MessageType.Action"/>: the intent, with <see cref="PlayerAction.PlayerId"/> 0 (the host fills it from the session).</param>
/// <param name="Number">Hello: the version. Chat: the channel. Social: the operation. SetVoiceMode: the mode.</param>
/// <param name="Id">SelectCharacter: the character id. Ping: the client's clock.</param>
/// <param name="Text">Hello: the access token. Chat: the text. CreateCharacter: the name.</param>
/// <param name="Name">Hello: the resume token. Chat: the private recipient. Social: the other player.</param>
public readonly record struct ClientMessage(
    MessageType Type,
    PlayerAction Action = default,
    int Number = 0,
    long Id = 0,
    string? Text = null,
    string? Name = null);
