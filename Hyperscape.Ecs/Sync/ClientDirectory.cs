using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Spatial;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// The synced clients: by id, in a stable order, by their player's network id, by the entities
/// their views hold (<see cref="ViewerIndex"/>), and placed on a grid by where their player stands (positions change only in ticks, so the grid built after a
/// tick is exact until the next one, unless clients joined since).
/// </summary>
internal sealed class ClientDirectory(GameContext context, SyncOptions options)
{
    private readonly Dictionary<long, ClientView> _byId = [];
    private readonly Dictionary<long, ClientView> _byPlayer = [];
    private readonly Dictionary<int, ClientView> _byPlayerEntity = [];
    private readonly SpatialGrid _grid = new(context.Map.Width, context.Map.Height, Math.Max(4, options.ViewRadius / 2));
    private readonly ViewerIndex _viewers = new();
    private int _nextGroup;
    private bool _gridStale;

    public List<ClientView> Order { get; } = [];

    /// <summary>
    /// Network ids of entities that became showable since the last frame (a confirmed ground item,
    /// a player's confirmed look): clients that do not recompute their whole view in the next
    /// frame look at these alone. Cleared after each frame.
    /// </summary>
    public List<long> Revealed { get; } = [];

    public int Count => _byId.Count;

    public ClientView Add(long clientId, long playerNetworkId)
    {
        if (_byId.ContainsKey(clientId))
        {
            throw new InvalidOperationException($"Client {clientId} is already synced.");
        }

        var client = new ClientView(clientId, playerNetworkId, options, _viewers) { HasBacklog = true, Group = _nextGroup++ % options.InterestGroups };
        client.Index = _viewers.Add(client);
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
        _viewers.Remove(client);
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

    /// <summary>Makes room in the viewer index for entity indices below <paramref name="capacity"/> (between frames).</summary>
    public void EnsureEntities(int capacity) => _viewers.EnsureEntities(capacity);

    /// <summary>Visits every client whose view may hold entity <paramref name="entityId"/>.</summary>
    public void VisitViewers<TVisitor>(int entityId, ref TVisitor visitor)
        where TVisitor : struct, IViewerVisitor => _viewers.Visit(entityId, ref visitor);

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
