using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Server;
using Hyperscape.Ecs.Sync;

namespace Hyperscape.Benchmarks.Sync;

/// <summary>
/// A crowded town for sync measurements: every player is a connected client and keeps walking, in
/// an area sized so each one sees about a hundred others within the view radius. It is a
/// <see cref="GameServer"/>; the benchmarks time the parts of its frame separately (the tick, then
/// each frame's packets), which is why they call its steps rather than whole frames.
/// </summary>
public sealed class SyncTown
{
    private const int MapSize = 512;
    private readonly Random _script = new(99);
    private readonly List<long> _players = [];
    private readonly int _areaStart;
    private readonly int _areaSize;

    public SyncTown(int clients, int seenEach, int parallelism = 1)
    {
        var radius = SyncOptions.Default.ViewRadius;
        var window = ((2 * radius) + 1) * ((2 * radius) + 1);
        _areaSize = (int)Math.Sqrt((double)clients * window / seenEach);
        _areaStart = (MapSize - _areaSize) / 2;
        Server = new GameServer(new GameServerOptions
        {
            Simulation = new SimulationOptions { Seed = 5, Map = new TileMap(MapSize, MapSize), PlayerSpawn = new Tile(MapSize / 2, MapSize / 2) },
            Sync = SyncOptions.Default with { Parallelism = parallelism },
        });
        for (var i = 0; i < clients; i++)
        {
            _players.Add(Simulation.Join(new CharacterState { CharacterId = i + 1, Name = $"walker{i}", Position = Position.At(RandomTile()) }));
        }

        Server.StepTick();
        for (var i = 0; i < _players.Count; i++)
        {
            Server.Connect(i + 1, _players[i]);
        }
    }

    public GameServer Server { get; }

    public Simulation Simulation => Server.Simulation;

    /// <summary>Frames in a tick, as the server runs them.</summary>
    public int FramesPerTick => Server.FramesPerTick;

    public int Clients => _players.Count;

    public IReadOnlyList<long> Players => _players;

    /// <summary>
    /// Keeps everyone walking: players who arrived get a destination a few tiles away (short hops
    /// keep the crowd evenly spread; random far destinations would pile walkers up in the middle).
    /// </summary>
    public void Tick()
    {
        foreach (var player in _players)
        {
            Simulation.Context.TryResolve(player, out var entity);
            if (!Simulation.World.GetReadOnly<Movement>(entity).IsMoving)
            {
                var at = Simulation.World.GetReadOnly<Position>(entity).Tile;
                var x = Math.Clamp(at.X + _script.Next(-8, 9), _areaStart, _areaStart + _areaSize - 1);
                var z = Math.Clamp(at.Z + _script.Next(-8, 9), _areaStart, _areaStart + _areaSize - 1);
                Simulation.Enqueue(PlayerAction.Move(player, x, z));
            }
        }

        Server.StepTick();
    }

    /// <summary>One frame's packets for every client (a frame without its tick).</summary>
    public void BuildFrame(IPacketSink sink) => Server.BuildPackets(sink);

    private Tile RandomTile() => new(_areaStart + _script.Next(_areaSize), _areaStart + _script.Next(_areaSize));
}
