using System.Buffers;
using System.Net.WebSockets;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Sync;
using MessagePack;

namespace Hyperscape.Benchmarks.Load;

/// <summary>
/// One scripted player over a real WebSocket: it logs in anonymously, creates a character, and
/// then about once a second walks somewhere near the spawn point, attacks an NPC it can see,
/// chats or emotes, like a player idling about town. It decodes only what it needs: the NPCs in
/// view (to attack one) and the server's refusals. In a world split into zones it follows its
/// character over a border: a ZoneChange, then a resume at the other zone's server.
/// </summary>
internal sealed class Bot : IAsyncDisposable
{
    private static readonly Tile Home = SimulationOptions.CreateDefault().PlayerSpawn;

    private ClientWebSocket _socket = new();
    private readonly Tile _home;
    private (Uri Address, string? Token, long At)? _zoneChange;
    private readonly BotStats _stats;
    private readonly Random _random;
    private readonly List<long> _npcs = [];
    private readonly ArrayBufferWriter<byte> _outgoing = new(256);
    private byte[] _incoming = new byte[64 * 1024];
    private Task? _receiving;
    private long _networkId;
    private volatile bool _leaving;

    public Bot(BotStats stats, int seed, Tile? home = null)
    {
        _stats = stats;
        _random = new Random(seed);
        _home = home ?? Home;
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    /// <summary>Connects and enters the world with a new character; false when the server refused.</summary>
    public async Task<bool> EnterAsync(Uri server, string name, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
            await SendAsync(w => ClientMessages.Hello(w, null), cancellationToken).ConfigureAwait(false);
            await ReceiveUntilAsync(MessageType.Welcome, cancellationToken).ConfigureAwait(false);
            await SendAsync(w => ClientMessages.CreateCharacter(w, name), cancellationToken).ConfigureAwait(false);
            var list = await ReceiveUntilAsync(MessageType.CharacterList, cancellationToken).ConfigureAwait(false);
            var character = ((object?[])list[1]!).Select(e => (object?[])e!).Single(e => (string?)e[1] == name);
            await SendAsync(w => ClientMessages.SelectCharacter(w, Convert.ToInt64(character[0], System.Globalization.CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
            var entered = await ReceiveUntilAsync(MessageType.EnteredWorld, cancellationToken).ConfigureAwait(false);
            _networkId = Convert.ToInt64(entered[1], System.Globalization.CultureInfo.InvariantCulture);
            _receiving = ReceiveLoopAsync();
            return true;
        }
        catch (Exception exception) when (exception is WebSocketException or InvalidOperationException or OperationCanceledException)
        {
            _stats.EnterFailed();
            return false;
        }
    }

    /// <summary>Plays until <paramref name="stop"/>.</summary>
    public async Task PlayAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested && (_socket.State == WebSocketState.Open || _zoneChange is not null))
            {
                await Task.Delay(600 + _random.Next(800), stop).ConfigureAwait(false);
                try
                {
                    await ActAsync(stop).ConfigureAwait(false);
                    _stats.Acted();
                }
                catch (Exception exception) when (_zoneChange is not null && exception is WebSocketException or InvalidOperationException or ObjectDisposedException)
                {
                    // Between two zones' servers: the next action goes to the new one.
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
        }
    }

    /// <summary>
    /// Leaves: sends the close frame and lets the receive loop read up to the server's, so one
    /// reader owns the stream to the end (a second reader, as <c>CloseAsync</c> starts while the
    /// loop is receiving, would split messages between them). Aborts after five seconds.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _leaving = true;
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token).ConfigureAwait(false);
                if (_receiving is not null)
                {
                    await _receiving.WaitAsync(timeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or TimeoutException)
            {
            }
        }

        _socket.Abort();
        if (_receiving is not null)
        {
            await _receiving.ConfigureAwait(false);
        }

        _socket.Dispose();
    }

    private Task ActAsync(CancellationToken cancellationToken)
    {
        var roll = _random.Next(100);
        long npc = 0;
        if (roll is >= 50 and < 80)
        {
            lock (_npcs)
            {
                npc = _npcs.Count > 0 ? _npcs[_random.Next(_npcs.Count)] : 0;
            }
        }

        return roll switch
        {
            < 50 => Act(new PlayerAction(0, ActionKind.Move, 0, 0, 0, _home.X + _random.Next(-20, 21), _home.Z + _random.Next(-20, 21), 0), cancellationToken),
            < 80 when npc != 0 => Act(new PlayerAction(0, ActionKind.Attack, npc, 0, 0, 0, 0, 0), cancellationToken),
            < 90 => SendAsync(w => ClientMessages.Chat(w, ChatChannel.Public, null, "selling lobsters, cheap"), cancellationToken),
            _ => Act(new PlayerAction(0, ActionKind.Emote, 0, 0, 0, 0, 0, 1 + _random.Next(4)), cancellationToken),
        };
    }

    private Task Act(PlayerAction action, CancellationToken cancellationToken) =>
        SendAsync(w => ClientMessages.Action(w, action), cancellationToken);

    private async Task SendAsync(Action<IBufferWriter<byte>> write, CancellationToken cancellationToken)
    {
        _outgoing.ResetWrittenCount();
        write(_outgoing);
        await _socket.SendAsync(_outgoing.WrittenMemory, WebSocketMessageType.Binary, true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ReceiveOneAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            if (length == _incoming.Length)
            {
                Array.Resize(ref _incoming, length * 2);
            }

            result = await _socket.ReceiveAsync(_incoming.AsMemory(length), cancellationToken).ConfigureAwait(false);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        if (result.MessageType == WebSocketMessageType.Close)
        {
            return -1;
        }

        _stats.Received(length);
        return length;
    }

    private async Task<object?[]> ReceiveUntilAsync(MessageType wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            var length = await ReceiveOneAsync(cancellationToken).ConfigureAwait(false);
            if (length < 0)
            {
                throw new InvalidOperationException($"Closed while waiting for {wanted}: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
            }

            var elements = MessagePackSerializer.Deserialize<object?[]>(_incoming.AsMemory(0, length), cancellationToken: cancellationToken);
            var type = (MessageType)Convert.ToInt32(elements[0], System.Globalization.CultureInfo.InvariantCulture);
            if (type == MessageType.Error)
            {
                throw new InvalidOperationException($"Refused while waiting for {wanted}: {elements[2]}");
            }

            if (type == wanted)
            {
                return elements;
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                var length = await ReceiveOneAsync(CancellationToken.None).ConfigureAwait(false);
                if (length < 0)
                {
                    if (!_leaving && _zoneChange is { } change)
                    {
                        if (await FollowAsync(change).ConfigureAwait(false))
                        {
                            continue;
                        }
                    }
                    else if (!_leaving)
                    {
                        _stats.Closed($"{(int?)_socket.CloseStatus} {_socket.CloseStatusDescription}");
                    }

                    return;
                }

                try
                {
                    Observe(_incoming.AsMemory(0, length));
                }
                catch (MessagePackSerializationException)
                {
                    // A message the bot could not read: counted (the run fails), never a crash.
                    _stats.Undecodable();
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted at the end of the run, or the server went away: either way this bot is done.
        }
    }

    private void Observe(ReadOnlyMemory<byte> message)
    {
        var reader = new MessagePackReader(message);
        reader.ReadArrayHeader();
        switch ((MessageType)reader.ReadInt32())
        {
            case MessageType.Sync:
                reader.ReadUInt32();
                reader.ReadInt64();
                for (var entries = reader.ReadArrayHeader(); entries > 0; entries--)
                {
                    ObserveEntry(ref reader);
                }

                break;
            case MessageType.Event:
                reader.ReadInt64();
                for (var events = reader.ReadArrayHeader(); events > 0; events--)
                {
                    var fields = reader.ReadArrayHeader();
                    var kind = (GameEventKind)reader.ReadInt32();
                    var subject = reader.ReadInt64();
                    if (kind == GameEventKind.ActionRejected && subject == _networkId)
                    {
                        _stats.Refused();
                    }

                    for (var i = 2; i < fields; i++)
                    {
                        reader.Skip();
                    }
                }

                break;
            case MessageType.Error:
                _stats.Error();
                break;
            case MessageType.ZoneChange:
                var elements = MessagePackSerializer.Deserialize<object?[]>(message);
                _zoneChange = (new Uri((string)elements[2]!), elements[3] as string, System.Diagnostics.Stopwatch.GetTimestamp());
                break;
        }
    }

    /// <summary>The character continues at another zone's server: resume there with the crossing's token.</summary>
    private async Task<bool> FollowAsync((Uri Address, string? Token, long At) change)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var next = new ClientWebSocket();
            next.Options.KeepAliveInterval = TimeSpan.Zero;
            await next.ConnectAsync(change.Address, timeout.Token).ConfigureAwait(false);
            var old = _socket;
            _socket = next;
            old.Dispose();
            await SendAsync(w => ClientMessages.Hello(w, null, change.Token), timeout.Token).ConfigureAwait(false);
            var entered = await ReceiveUntilAsync(MessageType.EnteredWorld, timeout.Token).ConfigureAwait(false);
            _networkId = Convert.ToInt64(entered[1], System.Globalization.CultureInfo.InvariantCulture);
            lock (_npcs)
            {
                _npcs.Clear();
            }

            _stats.Crossed(System.Diagnostics.Stopwatch.GetElapsedTime(change.At).TotalMilliseconds);
            return true;
        }
        catch (Exception exception) when (exception is WebSocketException or InvalidOperationException or OperationCanceledException)
        {
            _stats.CrossingFailed();
            return false;
        }
        finally
        {
            _zoneChange = null;
        }
    }

    private void ObserveEntry(ref MessagePackReader reader)
    {
        var length = reader.ReadArrayHeader();
        var op = (SyncOp)reader.ReadInt32();
        var read = 1;
        if (op is SyncOp.Spawn or SyncOp.Despawn)
        {
            var id = reader.ReadInt64();
            read++;
            if (op == SyncOp.Despawn)
            {
                lock (_npcs)
                {
                    _npcs.Remove(id);
                }
            }
            else if (((SyncField)reader.ReadUInt16() & SyncField.Kind) != 0)
            {
                read += 2;
                if ((WireEntityKind)reader.ReadInt32() == WireEntityKind.Npc)
                {
                    lock (_npcs)
                    {
                        _npcs.Add(id);
                    }
                }
            }
            else
            {
                read++;
            }
        }

        for (; read < length; read++)
        {
            reader.Skip();
        }
    }
}
