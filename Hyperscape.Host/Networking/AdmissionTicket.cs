using System.Net;

namespace Hyperscape.Host.Networking;

/// <summary>One admitted connection's place under the caps; disposing it gives the place back.</summary>
public sealed class AdmissionTicket : IDisposable
{
    private readonly ConnectionAdmission _admission;

    internal AdmissionTicket(ConnectionAdmission admission, IPAddress address)
    {
        _admission = admission;
        Address = address;
    }

    internal IPAddress Address { get; }

    internal bool BeforeHello { get; set; } = true;

    internal bool Released { get; set; }

    internal LinkedListNode<AdmissionTicket>? WaitingNode { get; set; }

    /// <summary>What closes the connection when it must make room for a newer one before its hello.</summary>
    public Action? Evicted { get; set; }

    /// <summary>The hello succeeded: the connection leaves the smaller before-hello cap.</summary>
    public void HelloDone() => _admission.HelloDone(this);

    internal void Evict() => Evicted?.Invoke();

    /// <inheritdoc />
    public void Dispose() => _admission.Release(this);
}
