using System.Net;
using Hyperscape.Host.Configuration;
using Microsoft.Extensions.Options;

namespace Hyperscape.Host.Networking;

/// <summary>
/// Decides whether a new game connection may open, before the WebSocket upgrade. Caps keep room
/// for players: all connections, and connections per IP address, refuse past their limit; the
/// smaller cap on connections that have not finished their hello makes room instead, by closing
/// the one that has waited longest, so sockets that never speak can neither hold every slot nor
/// lock a real player out. A refusal is an HTTP 503 with Retry-After, counted, and logged as a
/// summary at most once a minute rather than once each, so a flood cannot flood the log too.
/// </summary>
public sealed class ConnectionAdmission(IOptions<ServerOptions> options, ILogger<ConnectionAdmission> logger)
{
    private static readonly TimeSpan SummaryEvery = TimeSpan.FromMinutes(1);

    private readonly SessionLimits _limits = (options ?? throw new ArgumentNullException(nameof(options))).Value.Limits;
    private readonly Dictionary<IPAddress, int> _byAddress = [];
    private readonly LinkedList<AdmissionTicket> _waitingForHello = [];
    private readonly Lock _gate = new();
    private int _open;
    private int _beforeHello;
    private long _refused;
    private long _evicted;
    private long _refusedSinceSummary;
    private DateTimeOffset _lastSummary = DateTimeOffset.MinValue;

    /// <summary>Game connections open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Open connections that have not finished their hello.</summary>
    public int BeforeHello => Volatile.Read(ref _beforeHello);

    /// <summary>Connections refused since start.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Connections closed to make room for newer ones before finishing their hello.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <summary>Admits a connection from <paramref name="address"/>, or says which cap refused it.</summary>
    public bool TryAdmit(IPAddress? address, out AdmissionTicket? ticket, out string? refusal)
    {
        var key = address is null ? IPAddress.None : address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        AdmissionTicket? evicted = null;
        lock (_gate)
        {
            refusal = _open >= _limits.MaxConnections ? $"the server is full ({_limits.MaxConnections} connections)"
                : _byAddress.GetValueOrDefault(key) >= _limits.MaxConnectionsPerAddress ? $"too many connections from one address ({_limits.MaxConnectionsPerAddress})"
                : null;
            if (refusal is null)
            {
                if (_beforeHello >= _limits.MaxConnectionsBeforeHello && _waitingForHello.First is { } oldest)
                {
                    // The longest silent one gives way: it no longer counts, and is told to go.
                    evicted = oldest.Value;
                    LeaveHelloQueue(evicted);
                }

                _open++;
                _beforeHello++;
                _byAddress[key] = _byAddress.GetValueOrDefault(key) + 1;
                ticket = new AdmissionTicket(this, key);
                ticket.WaitingNode = _waitingForHello.AddLast(ticket);
            }
            else
            {
                ticket = null;
            }
        }

        if (evicted is not null)
        {
            Interlocked.Increment(ref _evicted);
            evicted.Evict();
        }

        if (ticket is not null)
        {
            return true;
        }

        Interlocked.Increment(ref _refused);
        RefusedOne(refusal!);
        return false;
    }

    /// <summary>The connection finished its hello: it no longer counts against the hello cap.</summary>
    internal void HelloDone(AdmissionTicket ticket)
    {
        lock (_gate)
        {
            LeaveHelloQueue(ticket);
        }
    }

    private void LeaveHelloQueue(AdmissionTicket ticket)
    {
        if (!ticket.BeforeHello)
        {
            return;
        }

        ticket.BeforeHello = false;
        _beforeHello--;
        if (ticket.WaitingNode is { } node)
        {
            _waitingForHello.Remove(node);
            ticket.WaitingNode = null;
        }
    }

    /// <summary>The connection closed.</summary>
    internal void Release(AdmissionTicket ticket)
    {
        lock (_gate)
        {
            if (ticket.Released)
            {
                return;
            }

            ticket.Released = true;
            _open--;
            LeaveHelloQueue(ticket);

            var left = _byAddress[ticket.Address] - 1;
            if (left == 0)
            {
                _byAddress.Remove(ticket.Address);
            }
            else
            {
                _byAddress[ticket.Address] = left;
            }
        }
    }

    private void RefusedOne(string reason)
    {
        var now = DateTimeOffset.UtcNow;
        long count;
        lock (_gate)
        {
            _refusedSinceSummary++;
            if (now - _lastSummary < SummaryEvery)
            {
                return;
            }

            _lastSummary = now;
            count = _refusedSinceSummary;
            _refusedSinceSummary = 0;
        }

        logger.LogWarning("Refusing game connections with 503: {Reason}; {Count} refused since the last report", reason, count);
    }
}
