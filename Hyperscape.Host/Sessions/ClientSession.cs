using System.Buffers;
using Hyperscape.Ecs.Game.Social;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Sync;
using Hyperscape.Host.Authentication;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Gameplay;
using Hyperscape.Host.Networking;
using Hyperscape.Host.Operations;

namespace Hyperscape.Host.Sessions;

/// <summary>
/// The protocol over one connection: every message is untrusted, decoded by the hostile-input
/// decoder, rate limited, and answered. The session moves from hello (authentication, resume) to
/// the character screen (<see cref="CharacterLobby"/>) to play, where intents go to the game loop.
/// Garbage gets an error and, repeated, a close; a text frame that is not UTF-8 a close with 1007.
/// </summary>
public sealed class ClientSession
{
    private readonly WebSocketConnection _connection;
    private readonly GameLoop _loop;
    private readonly CharacterLobby _lobby;
    private readonly SessionServices _services;
    private readonly SessionLimits _limits;
    private readonly AdmissionTicket _ticket;
    private readonly SessionRateLimits _rates;
    private readonly Queue<DateTimeOffset> _malformed = new();
    private AuthenticationResult? _authentication;
    private AccountRecord? _account;
    private WorldEntry? _entry;
    private DateTimeOffset _lastRateNotice;

    internal ClientSession(WebSocketConnection connection, GameLoop loop, CharacterLobby lobby, SessionServices services, ServerOptions options, AdmissionTicket ticket)
    {
        _connection = connection;
        _loop = loop;
        _lobby = lobby;
        _services = services;
        _limits = options.Limits;
        _ticket = ticket;
        _rates = new SessionRateLimits(options.Limits);
        ticket.Evicted = () => connection.Close(1008, "Too slow to say hello: room was made for a newer connection.");
    }

    private ServerMetrics Metrics => _loop.Metrics;

    /// <summary>Runs the session until the connection closes; a player in the world stays there for the reconnect grace.</summary>
    public async Task RunAsync(CancellationToken aborted)
    {
        _loop.Opened(_connection);

        // A timer rather than a cancelled receive: cancelling a pending receive aborts the socket,
        // and the client would never see why it was closed.
        await using var authenticationDeadline = new Timer(
            _ => { if (_authentication is null) _connection.Close(1008, "Authentication timed out."); },
            null, _limits.AuthenticationTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            await _connection.RunAsync(ReceivedAsync, aborted).ConfigureAwait(false);
        }
        finally
        {
            if (_entry is not null)
            {
                _loop.Disconnected(_connection);
            }

            _loop.Closed(_connection);
        }
    }

    private async Task ReceivedAsync(ReadOnlyMemory<byte> bytes, bool text)
    {
        if (text && !System.Text.Unicode.Utf8.IsValid(bytes.Span))
        {
            // RFC 6455 fails the connection on a text frame that is not UTF-8 (1007); it is said
            // first, and the close is a proper handshake.
            Metrics.MessageRejected("invalid-utf8");
            Error(ProtocolErrorCode.InvalidJson, "A text frame must be UTF-8.");
            _connection.Close(1007, "Text frames must be UTF-8.");
            return;
        }

        var decoded = text
            ? ClientMessageDecoder.TryDecodeJson(bytes.Span, out var message, out var error)
            : ClientMessageDecoder.TryDecode(bytes, out message, out error);
        if (!decoded)
        {
            Malformed(error);
            return;
        }

        if (!_rates.Allow(message))
        {
            Metrics.MessageRejected("rate");
            if (DateTimeOffset.UtcNow - _lastRateNotice > TimeSpan.FromSeconds(1))
            {
                _lastRateNotice = DateTimeOffset.UtcNow;
                Error(ProtocolErrorCode.RateLimited, "Too many messages; some were dropped.");
            }

            return;
        }

        try
        {
            await HandleAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not System.Net.WebSockets.WebSocketException)
        {
            // A failing database or a bug must cost this request, not the connection or the server.
            _services.Logger.LogError(exception, "Handling {Type} for client {Client} failed", message.Type, _connection.ClientId);
            Error(ProtocolErrorCode.ServerError, $"The server could not handle {message.Type}; try again.");
        }
    }

    private async Task HandleAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        if (_authentication is null)
        {
            if (message.Type != MessageType.Hello)
            {
                Metrics.MessageRejected("before-hello");
                Error(ProtocolErrorCode.NotAllowedNow, "Say hello first.");
                _connection.Close(1008, "Say hello first.");
                return;
            }

            await HelloAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (message.Type)
        {
            case MessageType.Hello:
                Metrics.MessageRejected("unexpected");
                Error(ProtocolErrorCode.NotAllowedNow, "This connection already said hello.");
                return;
            case MessageType.Ping:
                Pong(message.Id);
                return;
            case MessageType.ListCharacters:
                await SendCharacterListAsync(cancellationToken).ConfigureAwait(false);
                return;
            case MessageType.CreateCharacter:
                var (account, refusal) = await _lobby.CreateAsync(_account, message.Text!, cancellationToken).ConfigureAwait(false);
                _account = account;
                if (refusal is { } refused)
                {
                    Error(refused.Code, refused.Message);
                    return;
                }

                await SendCharacterListAsync(cancellationToken).ConfigureAwait(false);
                return;
            case MessageType.SelectCharacter:
                await SelectAsync(message.Id, cancellationToken).ConfigureAwait(false);
                return;
        }

        if (_entry is not { } entry)
        {
            Metrics.MessageRejected("not-in-world");
            Error(ProtocolErrorCode.NotAllowedNow, $"{message.Type} needs a character in the world.");
            return;
        }

        switch (message.Type)
        {
            case MessageType.Action:
                // The player id comes from the session, never from the client.
                _loop.Enqueue(message.Action with { PlayerId = entry.NetworkId });
                break;
            case MessageType.Chat:
                if (!SocialRules.TryCleanMessage(message.Text, out var chat))
                {
                    Error(ProtocolErrorCode.TextTooLong, $"A chat message has 1 to {WireProtocol.MaxChatLength} characters (as a person counts them) and at most {WireProtocol.MaxChatBytes} bytes of UTF-8.");
                    break;
                }

                _loop.Chat(_connection, (ChatChannel)message.Number, message.Name, chat);
                break;
            case MessageType.Social:
                await SocialAsync(entry, (SocialOperation)message.Number, message.Name!, cancellationToken).ConfigureAwait(false);
                break;
            case MessageType.RequestVoiceToken:
                VoiceToken(entry);
                break;
            case MessageType.SetVoiceMode:
                await _services.Characters.SetPushToTalkAsync(entry.CharacterId, message.Number == 1, cancellationToken).ConfigureAwait(false);
                break;
            default:
                Metrics.MessageRejected("unexpected");
                Error(ProtocolErrorCode.NotAllowedNow, $"{message.Type} is not expected now.");
                break;
        }
    }

    // The replies that capture a value live in their own methods: a lambda in HandleAsync would
    // make every message, actions included, allocate the closure of its captured locals.
    private void Pong(long id) => Reply(w => ServerMessages.Pong(w, id, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

    private void VoiceToken(WorldEntry entry)
    {
        var voice = _services.Voice;
        Reply(w => ServerMessages.VoiceToken(w,
            voice.Enabled ? voice.Url : null,
            voice.Enabled ? voice.Issue(entry.NetworkId, entry.Name) : null,
            voice.Enabled ? voice.Room : null));
    }

    private async Task HelloAsync(ClientMessage hello, CancellationToken cancellationToken)
    {
        if (hello.Number != WireProtocol.Version)
        {
            Error(ProtocolErrorCode.UnsupportedVersion, $"This server speaks protocol version {WireProtocol.Version}.");
            _connection.Close(1002, "Unsupported protocol version.");
            return;
        }

        var authentication = await _services.Tokens.ValidateAsync(hello.Text, cancellationToken).ConfigureAwait(false);
        if (!authentication.Succeeded)
        {
            Metrics.MessageRejected("unauthorized");
            Error(ProtocolErrorCode.Unauthorized, authentication.Error!);
            _connection.Close(1008, "Unauthorized.");
            return;
        }

        _authentication = authentication;
        _ticket.HelloDone();
        if (hello.Name is { Length: > 0 } resumeToken)
        {
            if (await _loop.FindResumableAsync(resumeToken).ConfigureAwait(false) is { } resumable)
            {
                // The token is a secret, but with Privy on it must also belong to the same user.
                var owner = await _services.Accounts.FindAsync(resumable.AccountId, cancellationToken).ConfigureAwait(false);
                if (owner is not null && (authentication.PrivyUserId is null || owner.PrivyUserId == authentication.PrivyUserId))
                {
                    _account = owner;
                    Reply(w => ServerMessages.Welcome(w, AccountIdText(owner)));
                    _entry = await _loop.ResumeAsync(_connection, resumeToken).ConfigureAwait(false);
                    if (_entry is null)
                    {
                        Error(ProtocolErrorCode.ResumeExpired, "That session has ended; select the character again.");
                    }

                    return;
                }
            }

            // Said before the Welcome, so a client knows its Welcome is a fresh session's.
            Error(ProtocolErrorCode.ResumeExpired, "The resume token is unknown or expired; this is a new session: select a character.");
        }

        // An anonymous account costs no storage until it creates its first character.
        _account = authentication.PrivyUserId is { } privyUser
            ? await _services.Accounts.GetOrCreateByPrivyUserAsync(privyUser, privyUser, cancellationToken).ConfigureAwait(false)
            : null;
        Reply(w => ServerMessages.Welcome(w, AccountIdText(_account)));
    }

    private async Task SendCharacterListAsync(CancellationToken cancellationToken)
    {
        var characters = await _lobby.ListAsync(_account, cancellationToken).ConfigureAwait(false);
        Reply(w => ServerMessages.CharacterList(w, characters));
    }

    private async Task SelectAsync(long characterId, CancellationToken cancellationToken)
    {
        if (_entry is not null)
        {
            Error(ProtocolErrorCode.NotAllowedNow, "Already in the world.");
            return;
        }

        var (entry, refusal, elsewhere) = await _lobby.EnterAsync(_account, characterId, _connection, cancellationToken).ConfigureAwait(false);
        if (elsewhere is not null)
        {
            Reply(w => ServerMessages.ZoneChange(w, elsewhere.Zone, elsewhere.Address, resumeToken: null));
            _connection.Close(GameLoop.ClosedZoneChange, $"Your character plays in zone {elsewhere.Zone}.");
            return;
        }

        if (refusal is { } refused)
        {
            if (refused.Code == ProtocolErrorCode.Unauthorized)
            {
                Metrics.MessageRejected("not-your-character");
            }

            Error(refused.Code, refused.Message);
            return;
        }

        _entry = entry;
    }

    private async Task SocialAsync(WorldEntry entry, SocialOperation operation, string name, CancellationToken cancellationToken)
    {
        var service = new SocialService(_services.Social);
        var outcome = operation switch
        {
            SocialOperation.AddFriend => await service.AddFriendAsync(entry.CharacterId, name, cancellationToken).ConfigureAwait(false),
            SocialOperation.RemoveFriend => await service.RemoveFriendAsync(entry.CharacterId, name, cancellationToken).ConfigureAwait(false),
            SocialOperation.AddIgnore => await service.AddIgnoreAsync(entry.CharacterId, name, cancellationToken).ConfigureAwait(false),
            _ => await service.RemoveIgnoreAsync(entry.CharacterId, name, cancellationToken).ConfigureAwait(false),
        };
        if (outcome is not (SocialOutcome.RequestSent or SocialOutcome.FriendAdded or SocialOutcome.FriendRemoved or SocialOutcome.IgnoreAdded or SocialOutcome.IgnoreRemoved))
        {
            Error(ProtocolErrorCode.NotAllowedNow, $"{operation} {name}: {outcome}.");
            return;
        }

        // The loop confirms it, with the other character's online state as a friend list shows it.
        var relations = await _services.Social.GetRelationsAsync(entry.CharacterId, cancellationToken).ConfigureAwait(false);
        SocialRelations? theirs = null;
        if (outcome is SocialOutcome.FriendAdded or SocialOutcome.FriendRemoved
            && await _services.Social.FindByNameAsync(name, cancellationToken).ConfigureAwait(false) is { } other)
        {
            theirs = await _services.Social.GetRelationsAsync(other.Id, cancellationToken).ConfigureAwait(false);
        }

        _loop.SocialChanged(_connection, operation, outcome, name, relations, theirs);
    }

    private void Malformed(ProtocolError error)
    {
        Metrics.MessageRejected("malformed");
        Error(error.Code, error.Message);

        // A well-formed message with a value out of range is refused but is not garbage: only
        // messages the decoder cannot even take apart count toward closing the connection.
        if (error.Code is ProtocolErrorCode.OutOfRange or ProtocolErrorCode.TextTooLong)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        _malformed.Enqueue(now);
        while (_malformed.Count > 0 && now - _malformed.Peek() > _limits.MalformedWindow)
        {
            _malformed.Dequeue();
        }

        if (_malformed.Count >= _limits.MalformedLimit)
        {
            _connection.Close(1008, "Too many malformed messages.");
        }
    }

    private static string AccountIdText(AccountRecord? account) =>
        account?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    private void Error(ProtocolErrorCode code, string message) => Reply(w => ServerMessages.Error(w, code, message));

    private void Reply(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        write(buffer);
        _connection.Send(buffer.WrittenSpan, PacketDelivery.Reliable);
    }
}
