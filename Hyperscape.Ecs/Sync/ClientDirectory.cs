using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Spatial;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// The synced clients: by id, in a stable order, by their player's network id, and placed on a
/// grid by where their player stands (positions change only in ticks, so the grid built after a
/// tick is exact until the next one, unless clients joined since).
/// </summary>
internal sealed class ClientDirectory(GameContext context, SyncOptions options)
{
    private readonly Dictionary<long, ClientView> _byId = [];
    private readonly Dictionary<long, ClientView> _byPlayer = [];
    private readonly Dictionary<int, ClientView> _byPlayerEntity = [];
    private readonly SpatialGrid _grid = new(context.Map.Width, context.Map.Height, Math.Max(4, options.ViewRadius / 2));
    private int _nextGroup;
    private bool _gridStale;

    public List<ClientView> Order { get; } = [];

    public int Count => _byId.Count;

    public ClientView Add(long clientId, long playerNetworkId)
    {
        if (_byId.ContainsKey(clientId))
        {
            throw new InvalidOperationException($"Client {clientId} is already synced.");
        }

        var client = new ClientView(clientId, playerNetworkId, options) { HasBacklog = true, Group = _nextGroup++ % options.InterestGroups };
        _byId.Add(clientId, client);
        Order.Add(client);
        _byPlayer[playerNetworkId] = client;
        _gridStale = true;
        return client;
    }

    public bool Remove(long clientId)
    {
        if (!_byId.Remove(clientId, out var client))
        {
            return false;
        }

        Order.Remove(client);
        if (_byPlayer.TryGetValue(client.PlayerNetworkId, out var byPlayer) && byPlayer == client)
        {
            _byPlayer.Remove(client.PlayerNetworkId);
        }

        return true;
    }

    public bool IsCurrent(ClientView client) => _byId.TryGetValue(client.ClientId, out var current) && current == client;

    public bool TryGetByPlayer(long playerNetworkId, out ClientView client) => _byPlayer.TryGetValue(playerNetworkId, out client!);

    public bool TryGetByPlayerEntity(Entity player, out ClientView client) => _byPlayerEntity.TryGetValue(player.Id, out client!);

    /// <summary>Places every client by where its player stands now.</summary>
    public void RebuildGrid()
    {
        _gridStale = false;
        _grid.Clear();
        _byPlayerEntity.Clear();
        var world = context.World;
        foreach (var client in Order)
        {
            if (context.TryResolve(client.PlayerNetworkId, out var player) && world.IsAlive(player))
            {
                _grid.Add(player, world.GetReadOnly<Position>(player).Tile);
                _byPlayerEntity[player.Id] = client;
            }
        }

        _grid.Build();
    }

    /// <summary>Visits the players of clients within <paramref name="radius"/> tiles of <paramref name="tile"/>.</summary>
    public void VisitNear<TVisitor>(Tile tile, int radius, ref TVisitor visitor)
        where TVisitor : struct, ISpatialVisitor
    {
        if (_gridStale)
        {
            RebuildGrid();
        }

        _grid.VisitRange(tile, radius, ref visitor);
    }

    /// <summary>Asks every client whose player stands near <paramref name="tile"/> to recompute its view next frame.</summary>
    public void MarkInterestNear(Tile tile)
    {
        var marker = new InterestMarker { Clients = this };
        VisitNear(tile, options.ViewRadius + options.ExitMargin, ref marker);
    }

    /// <summary>Marks the client of a player entity for a fresh view next frame.</summary>
    public void MarkInterest(Entity player)
    {
        if (_byPlayerEntity.TryGetValue(player.Id, out var client))
        {
            client.NeedsInterest = true;
        }
    }
}
