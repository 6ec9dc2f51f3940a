using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Game.Social;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Host.Authentication;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Gameplay;
using Hyperscape.Host.Operations;

namespace Hyperscape.Host.Networking;

/// <summary>
/// One client connection: hello and authentication, the character list, entering the world, then
/// play. Every message is untrusted: oversized frames close the socket with 1009, malformed ones
/// get an error and, repeated, a close; each connection is rate limited so a flood cannot slow
/// the tick. Sends go through a bounded queue drained by this connection's own send loop.
/// </summary>
public sealed class GameSession
{
    private readonly WebSocket _socket;
    private readonly ClientFrameStream? _frames;
    private readonly GameLoop _loop;
    private readonly SessionServices _services;
    private readonly ServerOptions _options;
    private readonly SessionRateLimits _limits;
    private readonly Queue<DateTimeOffset> _malformed = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly AdmissionTicket _ticket;
    private AuthenticationResult? _authentication;
    private AccountRecord? _account;
    private long _sendBlockedSince;
    private DateTimeOffset _lastRateNotice;
    private string? _closeReason;
    private int _closeRequested;
    private string _characterName = string.Empty;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;

    internal GameSession(WebSocket socket, ClientFrameStream? frames, GameLoop loop, SessionServices services, ServerOptions options, AdmissionTicket ticket, System.Net.IPAddress? remoteAddress)
    {
        _socket = socket;
        _frames = frames;
        _loop = loop;
        _services = services;
        _options = options;
        _ticket = ticket;
        RemoteAddress = remoteAddress?.ToString() ?? "an unknown address";
        ticket.Evicted = () => Close(1008, "Too slow to say hello: room was made for a newer connection.");
        _limits = new SessionRateLimits(options.Limits);
        ClientId = loop.NewClientId();
        Outgoing = new OutgoingQueue(options.Limits.SendQueueBytes);
    }

    /// <summary>The connection's id, unique for the server's lifetime.</summary>
    public long ClientId { get; }

    /// <summary>The player's network id once in the world, else 0.</summary>
    public long NetworkId { get; private set; }

    /// <summary>The character played, once in the world, else 0.</summary>
    public long CharacterId { get; private set; }

    /// <summary>The send queue.</summary>
    public OutgoingQueue Outgoing { get; }

    /// <summary>The client's IP address, for logs.</summary>
    public string RemoteAddress { get; }

    /// <summary>
    /// How long the client has not kept up: since the first send the socket could not complete,
    /// or since its sync packets started being dropped, whichever is longer. Zero while it keeps up.
    /// </summary>
    public TimeSpan StalledFor(DateTimeOffset now)
    {
        var blockedSince = Interlocked.Read(ref _sendBlockedSince);
        var blocked = blockedSince == 0 ? TimeSpan.Zero : System.Diagnostics.Stopwatch.GetElapsedTime(blockedSince);
        var dropping = Outgoing.Stalled ? now - Outgoing.StalledSince : TimeSpan.Zero;
        return blocked > dropping ? blocked : dropping;
    }

    /// <summary>True when the client last spoke JSON; replies follow its lead.</summary>
    public bool UsesJson { get; private set; }

    private ServerMetrics Metrics => _loop.Metrics;

    /// <summary>Runs the connection until either side closes it.</summary>
    public async Task RunAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _closing.Token);
        var sending = SendLoopAsync(linked.Token);

        // A timer rather than a cancelled receive: cancelling a pending receive aborts the socket,
        // and the client would never see why it was closed.
        await using var authenticationDeadline = new Timer(
            _ => { if (_authentication is null) Close(1008, "Authentication timed out."); },
            null, _options.Limits.AuthenticationTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            await ReceiveLoopAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The client vanished or would not finish closing: both end the session the same way.
        }
        finally
        {
            if (NetworkId != 0)
            {
                _loop.Disconnected(this);
            }

            Close(1000, "Goodbye.");
            await sending.ConfigureAwait(false);
            _closing.Dispose();
        }
    }

    /// <summary>Queues a packet (from any thread). Sync packets may be dropped for a slow client; others never silently.</summary>
    public void Send(ReadOnlySpan<byte> packet)
    {
        if (Closing)
        {
            return;
        }

        var sync = packet.Length > 1 && packet[1] == (byte)MessageType.Sync;
        bool queued;
        if (UsesJson)
        {
            var json = Encoding.UTF8.GetBytes(JsonTranscoder.ToJson(packet.ToArray()));
            queued = Outgoing.TryEnqueue(json, text: true, droppable: sync);
        }
        else
        {
            queued = Outgoing.TryEnqueue(packet, text: false, droppable: sync);
        }

        if (!queued)
        {
            Metrics.PacketDropped();
            if (!sync)
            {
                Close(1008, "Too slow to keep up.");
            }
        }
    }

    /// <summary>
    /// Closes the connection (from any thread): what is queued is sent, then a close frame with
    /// <paramref name="status"/> and <paramref name="reason"/>. A client that does not finish the
    /// closing handshake within the close timeout is cut off. The first close wins.
    /// </summary>
    public void Close(int status, string reason)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) != 0)
        {
            return;
        }

        _closeStatus = (WebSocketCloseStatus)status;
        _closeReason = reason;
        Outgoing.Complete();
        try
        {
            _closing.CancelAfter(_options.Limits.CloseTimeout);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private bool Closing => Volatile.Read(ref _closeRequested) != 0;

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(WireProtocol.MaxPacketSize + 1);
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var (length, type) = await ReceiveMessageAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (type == WebSocketMessageType.Close)
                {
                    return;
                }

                if (Closing)
                {
                    // Waiting for the client's half of the close handshake; it has nothing more to say.
                    continue;
                }

                if (length < 0)
                {
                    Metrics.MessageRejected("too-large");
                    Close(1009, $"Messages are at most {WireProtocol.MaxPacketSize} bytes.");
                    return;
                }

                Metrics.BytesReceived(length);
                UsesJson = type == WebSocketMessageType.Text;
                if (UsesJson && !System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, length)))
                {
                    // RFC 6455 fails the connection on a text frame that is not UTF-8 (1007); it
                    // is said first, and the close is a proper handshake.
                    Metrics.MessageRejected("invalid-utf8");
                    Error(ProtocolErrorCode.InvalidJson, "A text frame must be UTF-8.");
                    Close(1007, "Text frames must be UTF-8.");
                    continue;
                }

                var decoded = UsesJson
                    ? ClientMessageDecoder.TryDecodeJson(buffer.AsSpan(0, length), out var message, out var error)
                    : ClientMessageDecoder.TryDecode(buffer.AsMemory(0, length), out message, out error);
                if (!decoded)
                {
                    Malformed(error);
                    continue;
                }

                if (!_limits.Allow(message))
                {
                    Metrics.MessageRejected("rate");
                    if (DateTimeOffset.UtcNow - _lastRateNotice > TimeSpan.FromSeconds(1))
                    {
                        _lastRateNotice = DateTimeOffset.UtcNow;
                        Error(ProtocolErrorCode.RateLimited, "Too many messages; some were dropped.");
                    }

                    continue;
                }

                try
                {
                    await HandleAsync(message, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException and not WebSocketException)
                {
                    // A failing database or a bug must cost this request, not the connection or the server.
                    _services.Logger.LogError(exception, "Handling {Type} for client {Client} failed", message.Type, ClientId);
                    Error(ProtocolErrorCode.ServerError, $"The server could not handle {message.Type}; try again.");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads one whole message; a length of -1 means it passed the size limit.</summary>
    private async Task<(int Length, WebSocketMessageType Type)> ReceiveMessageAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        var type = WebSocketMessageType.Binary;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (0, WebSocketMessageType.Close);
            }

            if (length == 0 && type == WebSocketMessageType.Binary)
            {
                // The message's first chunk: its real kind, when the frames were relabelled.
                type = _frames is null ? result.MessageType : _frames.NextMessageIsText() ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
            }

            length += result.Count;
            if (length > WireProtocol.MaxPacketSize)
            {
                return (-1, type);
            }

            if (result.EndOfMessage)
            {
                return (length, type);
            }
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
                Close(1008, "Say hello first.");
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
                Reply(w => ServerMessages.Pong(w, message.Id, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                return;
            case MessageType.ListCharacters:
                await SendCharacterListAsync(cancellationToken).ConfigureAwait(false);
                return;
            case MessageType.CreateCharacter:
                await CreateCharacterAsync(message.Text!, cancellationToken).ConfigureAwait(false);
                return;
            case MessageType.SelectCharacter:
                await SelectCharacterAsync(message.Id, cancellationToken).ConfigureAwait(false);
                return;
        }

        if (NetworkId == 0)
        {
            Metrics.MessageRejected("not-in-world");
            Error(ProtocolErrorCode.NotAllowedNow, $"{message.Type} needs a character in the world.");
            return;
        }

        switch (message.Type)
        {
            case MessageType.Action:
                // The player id comes from the session, never from the client.
                _loop.Simulation.Enqueue(message.Action with { PlayerId = NetworkId });
                break;
            case MessageType.Chat:
                if (!SocialRules.TryCleanMessage(message.Text, out var text))
                {
                    Error(ProtocolErrorCode.TextTooLong, $"A chat message has 1 to {WireProtocol.MaxChatLength} characters (as a person counts them) and at most {WireProtocol.MaxChatBytes} bytes of UTF-8.");
                    break;
                }

                _loop.Chat(this, (ChatChannel)message.Number, message.Name, text);
                break;
            case MessageType.Social:
                await SocialAsync((SocialOperation)message.Number, message.Name!, cancellationToken).ConfigureAwait(false);
                break;
            case MessageType.RequestVoiceToken:
                Reply(w => ServerMessages.VoiceToken(w,
                    _services.Voice.Enabled ? _services.Voice.Url : null,
                    _services.Voice.Enabled ? _services.Voice.Issue(NetworkId, _characterName) : null,
                    _services.Voice.Enabled ? _services.Voice.Room : null));
                break;
            case MessageType.SetVoiceMode:
                await _services.Characters.SetPushToTalkAsync(CharacterId, message.Number == 1, cancellationToken).ConfigureAwait(false);
                break;
            default:
                Metrics.MessageRejected("unexpected");
                Error(ProtocolErrorCode.NotAllowedNow, $"{message.Type} is not expected now.");
                break;
        }
    }

    private async Task HelloAsync(ClientMessage hello, CancellationToken cancellationToken)
    {
        if (hello.Number != WireProtocol.Version)
        {
            Error(ProtocolErrorCode.UnsupportedVersion, $"This server speaks protocol version {WireProtocol.Version}.");
            Close(1002, "Unsupported protocol version.");
            return;
        }

        var authentication = await _services.Tokens.ValidateAsync(hello.Text, cancellationToken).ConfigureAwait(false);
        if (!authentication.Succeeded)
        {
            Metrics.MessageRejected("unauthorized");
            Error(ProtocolErrorCode.Unauthorized, authentication.Error!);
            Close(1008, "Unauthorized.");
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
                    if (await _loop.ResumeAsync(this, resumeToken).ConfigureAwait(false) is null)
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

    private static string AccountIdText(AccountRecord? account) =>
        account?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Called by the game loop (on its thread) as the session takes a character in the world.</summary>
    internal void EnteredWorld(long networkId, long characterId, string name, ReadOnlySpan<byte> enteredWorld)
    {
        NetworkId = networkId;
        CharacterId = characterId;
        _characterName = name;
        Send(enteredWorld);
    }

    private async Task SendCharacterListAsync(CancellationToken cancellationToken)
    {
        var characters = _account is null ? [] : await _services.Characters.ListAsync(_account.Id, cancellationToken).ConfigureAwait(false);
        Reply(w => ServerMessages.CharacterList(w, characters.Take(WireProtocol.MaxCharactersPerAccount).Select(c => new CharacterSummary(c.Id, c.Name, c.CombatLevel)).ToList()));
    }

    private async Task CreateCharacterAsync(string name, CancellationToken cancellationToken)
    {
        if (!SocialRules.IsValidName(name))
        {
            Error(ProtocolErrorCode.OutOfRange, $"A name has 1 to {WireProtocol.MaxNameLength} letters, digits, spaces, '_' or '-', and starts with a letter or digit.");
            return;
        }

        var starter = StarterCharacter(name);
        var created = _account is null
            ? await _services.Characters.CreateWithNewAccountAsync("guest", starter, cancellationToken).ConfigureAwait(false)
            : await _services.Characters.CreateAsync(_account.Id, starter, _options.Limits.CharactersPerAccount, cancellationToken).ConfigureAwait(false);
        switch (created.Outcome)
        {
            case CharacterCreationOutcome.NameTaken:
                Error(ProtocolErrorCode.NotAllowedNow, $"The name {name} is taken.");
                return;
            case CharacterCreationOutcome.LimitReached:
                Error(ProtocolErrorCode.NotAllowedNow, $"An account has at most {_options.Limits.CharactersPerAccount} characters.");
                return;
        }

        // An anonymous session's account exists from its first character on.
        _account ??= await _services.Accounts.FindAsync(created.Character!.AccountId, cancellationToken).ConfigureAwait(false);
        await SendCharacterListAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SelectCharacterAsync(long characterId, CancellationToken cancellationToken)
    {
        if (NetworkId != 0)
        {
            Error(ProtocolErrorCode.NotAllowedNow, "Already in the world.");
            return;
        }

        await _loop.WhenSavedAsync(characterId).WaitAsync(cancellationToken).ConfigureAwait(false);
        var character = _account is null ? null : await _services.Characters.LoadAsync(characterId, cancellationToken).ConfigureAwait(false);
        if (character is null || character.AccountId != _account!.Id)
        {
            Metrics.MessageRejected("not-your-character");
            Error(ProtocolErrorCode.Unauthorized, "That is not one of your characters.");
            return;
        }

        var relations = await _services.Social.GetRelationsAsync(characterId, cancellationToken).ConfigureAwait(false);
        if (await _loop.EnterWorldAsync(this, character, relations).ConfigureAwait(false) is null)
        {
            Error(ProtocolErrorCode.NotAllowedNow, "The server is shutting down.");
        }
    }

    private async Task SocialAsync(SocialOperation operation, string name, CancellationToken cancellationToken)
    {
        var service = new SocialService(_services.Social);
        var outcome = operation switch
        {
            SocialOperation.AddFriend => await service.AddFriendAsync(CharacterId, name, cancellationToken).ConfigureAwait(false),
            SocialOperation.RemoveFriend => await service.RemoveFriendAsync(CharacterId, name, cancellationToken).ConfigureAwait(false),
            SocialOperation.AddIgnore => await service.AddIgnoreAsync(CharacterId, name, cancellationToken).ConfigureAwait(false),
            _ => await service.RemoveIgnoreAsync(CharacterId, name, cancellationToken).ConfigureAwait(false),
        };
        if (outcome is SocialOutcome.RequestSent or SocialOutcome.FriendAdded or SocialOutcome.FriendRemoved or SocialOutcome.IgnoreAdded or SocialOutcome.IgnoreRemoved)
        {
            // The loop confirms it, with the other character's online state as a friend list shows it.
            var relations = await _services.Social.GetRelationsAsync(CharacterId, cancellationToken).ConfigureAwait(false);
            SocialRelations? theirs = null;
            if (outcome is SocialOutcome.FriendAdded or SocialOutcome.FriendRemoved
                && await _services.Social.FindByNameAsync(name, cancellationToken).ConfigureAwait(false) is { } other)
            {
                theirs = await _services.Social.GetRelationsAsync(other.Id, cancellationToken).ConfigureAwait(false);
            }

            _loop.SocialChanged(this, operation, outcome, name, relations, theirs);
        }
        else
        {
            Error(ProtocolErrorCode.NotAllowedNow, $"{operation} {name}: {outcome}.");
        }
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
        while (_malformed.Count > 0 && now - _malformed.Peek() > _options.Limits.MalformedWindow)
        {
            _malformed.Dequeue();
        }

        if (_malformed.Count >= _options.Limits.MalformedLimit)
        {
            Close(1008, "Too many malformed messages.");
        }
    }

    private void Error(ProtocolErrorCode code, string message) => Reply(w => ServerMessages.Error(w, code, message));

    private void Reply(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        write(buffer);
        Send(buffer.WrittenSpan);
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await Outgoing.DequeueAsync(cancellationToken).ConfigureAwait(false) is { } packet)
            {
                try
                {
                    if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        var sending = _socket.SendAsync(packet.Buffer.AsMemory(0, packet.Length), packet.Text ? WebSocketMessageType.Text : WebSocketMessageType.Binary, true, cancellationToken);
                        if (!sending.IsCompleted)
                        {
                            // The socket's buffers are full: the client's stall clock starts now.
                            Interlocked.Exchange(ref _sendBlockedSince, System.Diagnostics.Stopwatch.GetTimestamp());
                        }

                        await sending.ConfigureAwait(false);
                        Interlocked.Exchange(ref _sendBlockedSince, 0);
                        Metrics.BytesSent(packet.Length);
                    }
                }
                finally
                {
                    OutgoingQueue.Return(packet);
                }
            }

            // Everything queued before the close went out; now say why we are closing.
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(_closeStatus, _closeReason ?? "Goodbye.", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The socket is gone or the close timed out: nothing more can be said to this client.
            if (_closeReason is not null && _socket.State is not (WebSocketState.Closed or WebSocketState.CloseSent))
            {
                _services.Logger.LogInformation("Client {Client} ({Address}) was cut off without a close handshake ({Status}: {Reason})", ClientId, RemoteAddress, (int)_closeStatus, _closeReason);
            }
        }
        finally
        {
            Outgoing.Complete();
            while (Outgoing.TryDequeue(out var left))
            {
                OutgoingQueue.Return(left);
            }
        }
    }

    private static CharacterState StarterCharacter(string name)
    {
        var inventory = default(Inventory);
        var items = ItemCatalog.Standard;
        InventoryRules.TryAdd(ref inventory, items[ItemIds.BronzeSword], 1);
        InventoryRules.TryAdd(ref inventory, items[ItemIds.WoodenShield], 1);
        InventoryRules.TryAdd(ref inventory, items[ItemIds.Shrimps], 5);
        InventoryRules.TryAdd(ref inventory, items[ItemIds.Coins], 25);
        return new CharacterState
        {
            CharacterId = 0,
            Name = name,
            Position = Position.At(SimulationOptions.CreateDefault().PlayerSpawn),
            Inventory = inventory,
        };
    }
}
