using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Tests.Sync;
using MessagePack;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>
/// A game client over a real WebSocket. Sync frames and events are applied to a
/// <see cref="ReferenceClient"/> (which checks the protocol as it goes); every other message is
/// kept in arrival order. Tests wait on conditions over what has arrived, never on sleeps.
/// </summary>
internal sealed class TestClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket = new();
    private readonly Lock _gate = new();
    private readonly List<ReceivedMessage> _messages = [];
    private readonly bool _json;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _receiving;
    private Exception? _failure;

    private TestClient(bool json) => _json = json;

    /// <summary>The world as this client knows it, once it entered the world.</summary>
    public ReferenceClient? World { get; private set; }

    public long NetworkId { get; private set; }

    public string? ResumeToken { get; private set; }

    public long CharacterId { get; private set; }

    /// <summary>The character's name, once one was created and selected here.</summary>
    public string? Name { get; private set; }

    /// <summary>Called (under the client's lock, on its receive loop) after each sync frame is applied: a test's per-frame check.</summary>
    public Action<ReferenceClient>? AfterSync { get; set; }

    public WebSocketCloseStatus? CloseStatus { get; private set; }

    public string? CloseDescription { get; private set; }

    public bool Closed { get; private set; }

    /// <summary>What ended the receive loop when it was not a close handshake (a reset, an abort), else null.</summary>
    public Exception? Failure { get; private set; }

    public static async Task<TestClient> ConnectAsync(Uri server, bool json = false)
    {
        var client = new TestClient(json);
        await client._socket.ConnectAsync(server, CancellationToken.None);
        client._receiving = Task.Run(client.ReceiveLoopAsync);
        return client;
    }

    /// <summary>Connects, says hello, creates a character and enters the world with it.</summary>
    public static async Task<TestClient> EnterAsync(Uri server, string name, bool json = false)
    {
        var client = await ConnectAsync(server, json);
        await client.HelloAsync();
        await client.CreateAndSelectAsync(name);
        return client;
    }

    public async Task HelloAsync(string? token = null, string? resume = null)
    {
        await SendAsync(w => ClientMessages.Hello(w, token, resume));
        await WaitForMessageAsync(MessageType.Welcome);
    }

    public async Task CreateAndSelectAsync(string name)
    {
        await SendAsync(w => ClientMessages.CreateCharacter(w, name));
        var list = await WaitForAsync(c => c.Messages(MessageType.CharacterList).LastOrDefault(m => m.Array(1).Any(e => (string?)((object?[])e!)[1] == name)), $"{name} in the character list");
        var id = Convert.ToInt64(list.Array(1).Select(e => (object?[])e!).First(e => (string?)e[1] == name)[0], System.Globalization.CultureInfo.InvariantCulture);
        await SelectAsync(id);
        Name = name;
    }

    public async Task SelectAsync(long characterId)
    {
        var before = Messages(MessageType.EnteredWorld).Count;
        await SendAsync(w => ClientMessages.SelectCharacter(w, characterId));
        await WaitUntilAsync(c => c.Messages(MessageType.EnteredWorld).Count > before, "EnteredWorld");
        CharacterId = characterId;
    }

    public Task ActAsync(ActionKind kind, long target = 0, int slot = 0, int quantity = 0, float x = 0, float z = 0, int value = 0) =>
        SendAsync(w => ClientMessages.Action(w, new PlayerAction(0, kind, target, slot, quantity, x, z, value)));

    public async Task SendAsync(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        if (_json)
        {
            await SendRawAsync(Encoding.UTF8.GetBytes(MessagePackSerializer.ConvertToJson(buffer.WrittenMemory)), WebSocketMessageType.Text);
        }
        else
        {
            await SendRawAsync(buffer.WrittenMemory, WebSocketMessageType.Binary);
        }
    }

    public Task SendRawAsync(ReadOnlyMemory<byte> bytes, WebSocketMessageType type) =>
        _socket.SendAsync(bytes, type, true, CancellationToken.None).AsTask();

    /// <summary>The non-sync messages of a type received so far.</summary>
    public List<ReceivedMessage> Messages(MessageType type)
    {
        lock (_gate)
        {
            return _messages.Where(m => m.Type == type).ToList();
        }
    }

    public Task<ReceivedMessage> WaitForMessageAsync(MessageType type, Func<ReceivedMessage, bool>? match = null, TimeSpan? timeout = null) =>
        WaitForAsync(c => c.Messages(type).FirstOrDefault(m => match?.Invoke(m) ?? true), $"a {type} message", timeout);

    /// <summary>Waits until <paramref name="probe"/> returns non-null, re-checking after every arrival.</summary>
    public async Task<T> WaitForAsync<T>(Func<TestClient, T?> probe, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_failure is not null)
                {
                    throw new InvalidOperationException($"The client failed while waiting for {what}", _failure);
                }

                var value = probe(this);
                if (value is not null)
                {
                    return value;
                }

                if (Closed)
                {
                    throw new InvalidOperationException($"Closed ({CloseStatus} {CloseDescription}) while waiting for {what}. Received: {Summary()}");
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                lock (_gate)
                {
                    throw new TimeoutException($"Timed out waiting for {what}. Received: {Summary()}");
                }
            }

            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    /// <summary>Waits until <paramref name="probe"/> returns a value.</summary>
    public async Task<T> WaitForValueAsync<T>(Func<TestClient, T?> probe, string what, TimeSpan? timeout = null)
        where T : struct =>
        (await WaitForAsync(c => probe(c) is { } value ? new StrongBox<T>(value) : null, what, timeout)).Value;

    /// <summary>Waits until <paramref name="probe"/> holds.</summary>
    public Task WaitUntilAsync(Func<TestClient, bool> probe, string what, TimeSpan? timeout = null) =>
        WaitForAsync(c => probe(c) ? new object() : null, what, timeout);

    /// <summary>Waits until the server closes the connection; returns its status.</summary>
    public Task<WebSocketCloseStatus?> WaitClosedAsync(TimeSpan? timeout = null) =>
        WaitForClosedAsync(timeout ?? DefaultWait);

    /// <summary>Drops the connection without a close handshake, as a lost network would.</summary>
    public void Abort() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Abort();
        if (_receiving is not null)
        {
            await _receiving;
        }

        _socket.Dispose();
    }

    private async Task<WebSocketCloseStatus?> WaitForClosedAsync(TimeSpan timeout)
    {
        await WaitUntilAsync(c => c.Closed, "the server to close the connection", timeout);
        return CloseStatus;
    }

    private string Summary() => string.Join("; ", _messages.TakeLast(8).Select(m => m.ToString()));

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var bytes = result.MessageType == WebSocketMessageType.Text
                    ? MessagePackSerializer.ConvertFromJson(Encoding.UTF8.GetString(buffer, 0, length))
                    : buffer.AsSpan(0, length).ToArray();
                lock (_gate)
                {
                    Apply(bytes);
                    Pulse();
                }
            }
        }
        catch (WebSocketException exception)
        {
            // Aborted: the connection is gone, as the test intended or as the server decided.
            Failure = exception;
        }
        catch (Exception exception)
        {
            lock (_gate)
            {
                _failure = exception;
            }
        }

        lock (_gate)
        {
            Closed = true;
            CloseStatus = _socket.CloseStatus;
            CloseDescription = _socket.CloseStatusDescription;
            Pulse();
        }
    }

    private void Apply(byte[] bytes)
    {
        var reader = new MessagePackReader(bytes);
        reader.ReadArrayHeader();
        var type = (MessageType)reader.ReadInt32();
        if (type is MessageType.Sync or MessageType.Event)
        {
            // Sync always comes after EnteredWorld; the JSON form may exceed the binary budget, so
            // it is checked in binary, where the budget applies.
            World!.Receive(bytes);
            if (type == MessageType.Sync)
            {
                AfterSync?.Invoke(World);
            }

            return;
        }

        var elements = MessagePackSerializer.Deserialize<object?[]>(bytes);
        var message = new ReceivedMessage(type, elements);
        _messages.Add(message);
        if (type == MessageType.EnteredWorld)
        {
            NetworkId = message.Long(1);
            ResumeToken = message.Text(3);
            World = new ReferenceClient(0, NetworkId);
        }
    }

    private void Pulse()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
