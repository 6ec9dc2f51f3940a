namespace Hyperscape.Host.Zones;

/// <summary>
/// One character's presence. Kept in memory only: a zone that restarts announces its players again,
/// and a stale entry costs a message that finds nobody, never a wrong delivery.
/// </summary>
internal sealed class PresenceGrain : Grain, IPresenceGrain
{
    private int _zone;

    public Task OnlineAsync(int zone)
    {
        _zone = zone;
        return Task.CompletedTask;
    }

    public Task OfflineAsync(int zone)
    {
        // A departure reported after the player already arrived in another zone (a hand-off's two
        // halves can reach here in either order) must not hide it.
        if (_zone == zone)
        {
            _zone = 0;
        }

        return Task.CompletedTask;
    }

    public Task<int> ZoneAsync() => Task.FromResult(_zone);
}
