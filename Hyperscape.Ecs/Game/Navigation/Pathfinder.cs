namespace Hyperscape.Ecs.Game.Navigation;

/// <summary>
/// A* over a <see cref="TileMap"/> with 8-way steps (the diagonal rule of
/// <see cref="TileMap.CanStep"/>), inside a square window of <see cref="MaxDistance"/> tiles
/// around the start. A cardinal step costs 2 and a diagonal 3: a diagonal still beats two
/// cardinal steps, so paths take the fewest steps, but among those a straight line beats a
/// zigzag of equal length. Buffers are allocated once and reused with generation stamps, so a search
/// allocates nothing. Not thread-safe: one instance per thread.
/// </summary>
internal sealed class Pathfinder
{
    /// <summary>Goals farther than this (Chebyshev) are refused.</summary>
    public const int MaxDistance = 200;

    private const int Side = (2 * MaxDistance) + 1;
    private const int CardinalCost = 2;
    private const int DiagonalCost = 3;
    private const int KeyMask = (1 << 20) - 1;
    private static readonly sbyte[] StepX = [0, 1, 1, 1, 0, -1, -1, -1];
    private static readonly sbyte[] StepZ = [1, 1, 0, -1, -1, -1, 0, 1];

    private readonly TileMap _map;
    private readonly int _maxExpansions;
    private readonly int[] _seen = new int[Side * Side];
    private readonly int[] _closed = new int[Side * Side];
    private readonly int[] _cost = new int[Side * Side];
    private readonly byte[] _cameBy = new byte[Side * Side];
    private readonly Tile[] _trail = new Tile[Side * Side];
    private long[] _heap = new long[1024];
    private int _heapCount;
    private int _generation;

    /// <summary>Creates a pathfinder for one map.</summary>
    /// <param name="map">The walkability grid.</param>
    /// <param name="maxExpansions">
    /// Tiles a search may settle before it gives up and walks to the closest tile seen; bounds
    /// the cost of searching for an unreachable goal.
    /// </param>
    public Pathfinder(TileMap map, int maxExpansions = 8_192)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExpansions, 1);
        _map = map;
        _maxExpansions = maxExpansions;
    }

    /// <summary>
    /// Searches from <paramref name="start"/> to <paramref name="goal"/> and writes the path's
    /// turning points (excluding the start, including the end) to <paramref name="waypoints"/>.
    /// An unreachable goal yields a path to the reachable tile closest to it; a goal on a blocked
    /// tile is first moved to the nearest walkable tile around it, as clicking a wall does in OSRS.
    /// </summary>
    public PathResult Find(Tile start, Tile goal, Span<Tile> waypoints)
    {
        if (start.DistanceTo(goal) > MaxDistance || !_map.Contains(goal) || !_map.Contains(start))
        {
            return new PathResult(PathOutcome.Refused, 0, start, false);
        }

        if (!_map.IsWalkable(goal))
        {
            if (NearestWalkable(goal) is not { } stand || stand.DistanceTo(start) > MaxDistance)
            {
                return new PathResult(PathOutcome.Refused, 0, start, false);
            }

            var toStand = Find(start, stand, waypoints);
            return toStand.Outcome == PathOutcome.Found ? toStand with { Outcome = PathOutcome.Closest } : toStand;
        }

        if (start == goal)
        {
            return new PathResult(PathOutcome.Found, 0, start, false);
        }

        NextGeneration();
        var originX = start.X - MaxDistance;
        var originZ = start.Z - MaxDistance;
        var startIndex = Index(start.X - originX, start.Z - originZ);
        Open(startIndex, 0, 0, Heuristic(start, goal));

        var best = startIndex;
        var bestDistance = SquaredDistance(start, goal);
        var expansions = 0;
        var found = false;
        while (_heapCount > 0 && expansions < _maxExpansions)
        {
            var index = Pop();
            if (_closed[index] == _generation)
            {
                continue;
            }

            // The octile heuristic is consistent with these step costs, so the first pop is optimal.
            _closed[index] = _generation;
            expansions++;
            var tile = new Tile((index % Side) + originX, (index / Side) + originZ);
            if (tile == goal)
            {
                best = index;
                found = true;
                break;
            }

            // "Closest" is by straight-line distance; among equals, the cheaper path wins.
            var distance = SquaredDistance(tile, goal);
            if (distance < bestDistance || (distance == bestDistance && _cost[index] < _cost[best]))
            {
                best = index;
                bestDistance = distance;
            }

            for (var direction = 0; direction < 8; direction++)
            {
                int dx = StepX[direction], dz = StepZ[direction];
                var cost = _cost[index] + (dx != 0 && dz != 0 ? DiagonalCost : CardinalCost);
                int nx = tile.X + dx - originX, nz = tile.Z + dz - originZ;
                if ((uint)nx >= Side || (uint)nz >= Side)
                {
                    continue;
                }

                var next = Index(nx, nz);
                if (_closed[next] == _generation || (_seen[next] == _generation && _cost[next] <= cost) || !_map.CanStep(tile, dx, dz))
                {
                    continue;
                }

                Open(next, cost, (byte)direction, cost + Heuristic(new Tile(tile.X + dx, tile.Z + dz), goal));
            }
        }

        if (best == startIndex)
        {
            return new PathResult(PathOutcome.Refused, 0, start, false);
        }

        var (count, end, truncated) = Trace(best, startIndex, originX, originZ, waypoints);
        return new PathResult(found ? PathOutcome.Found : PathOutcome.Closest, count, end, truncated);
    }

    private (int Count, Tile End, bool Truncated) Trace(int endIndex, int startIndex, int originX, int originZ, Span<Tile> waypoints)
    {
        var length = 0;
        for (var index = endIndex; index != startIndex;)
        {
            var tile = new Tile((index % Side) + originX, (index / Side) + originZ);
            _trail[length++] = tile;
            int direction = _cameBy[index];
            index = Index(tile.X - StepX[direction] - originX, tile.Z - StepZ[direction] - originZ);
        }

        // _trail runs end → start; keep the tiles where the walk turns, and the end.
        var written = 0;
        for (var i = length - 1; i >= 0; i--)
        {
            var tile = _trail[i];
            var isEnd = i == 0;
            if (!isEnd)
            {
                var arrive = _cameBy[Index(tile.X - originX, tile.Z - originZ)];
                var leave = _cameBy[Index(_trail[i - 1].X - originX, _trail[i - 1].Z - originZ)];
                if (arrive == leave)
                {
                    continue;
                }
            }

            if (written == waypoints.Length)
            {
                return (written, _trail[0], true);
            }

            waypoints[written++] = tile;
        }

        return (written, _trail[0], false);
    }

    private static int Index(int x, int z) => (z * Side) + x;

    /// <summary>The walkable tile nearest (straight-line) to a blocked one, within a few rings; ties go to the first found.</summary>
    private Tile? NearestWalkable(Tile blocked)
    {
        const int Rings = 8;
        for (var ring = 1; ring <= Rings; ring++)
        {
            Tile? best = null;
            var bestDistance = long.MaxValue;
            for (var dz = -ring; dz <= ring; dz++)
            {
                for (var dx = -ring; dx <= ring; dx++)
                {
                    var candidate = new Tile(blocked.X + dx, blocked.Z + dz);
                    if (Math.Max(Math.Abs(dx), Math.Abs(dz)) != ring || !_map.IsWalkable(candidate))
                    {
                        continue;
                    }

                    var distance = SquaredDistance(candidate, blocked);
                    if (distance < bestDistance)
                    {
                        best = candidate;
                        bestDistance = distance;
                    }
                }
            }

            if (best is not null)
            {
                return best;
            }
        }

        return null;
    }

    /// <summary>Octile distance for step costs 2 and 3: <c>2 * max + min</c> of the axis distances.</summary>
    private static int Heuristic(Tile from, Tile goal)
    {
        int dx = Math.Abs(goal.X - from.X), dz = Math.Abs(goal.Z - from.Z);
        return (2 * Math.Max(dx, dz)) + Math.Min(dx, dz);
    }

    private static long SquaredDistance(Tile a, Tile b)
    {
        long dx = a.X - b.X, dz = a.Z - b.Z;
        return (dx * dx) + (dz * dz);
    }

    private void Open(int index, int cost, byte direction, int priority)
    {
        _seen[index] = _generation;
        _cost[index] = cost;
        _cameBy[index] = direction;
        Push(priority, cost, index);
    }

    private void NextGeneration()
    {
        _heapCount = 0;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_seen);
            Array.Clear(_closed);
            _generation = 1;
        }
    }

    // A binary min-heap keyed (priority, -cost, index), packed 20 bits each. Among equal priorities the
    // deeper tile goes first, which keeps A* on one of the many equally short paths instead of
    // expanding all of them; the index makes the order, and so the search, deterministic.
    private void Push(int priority, int cost, int index)
    {
        if (_heapCount == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var item = ((long)priority << 40) | ((long)(KeyMask - cost) << 20) | (uint)index;
        var i = _heapCount++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_heap[parent] <= item)
            {
                break;
            }

            _heap[i] = _heap[parent];
            i = parent;
        }

        _heap[i] = item;
    }

    private int Pop()
    {
        var top = _heap[0];
        var last = _heap[--_heapCount];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= _heapCount)
            {
                break;
            }

            if (child + 1 < _heapCount && _heap[child + 1] < _heap[child])
            {
                child++;
            }

            if (_heap[child] >= last)
            {
                break;
            }

            _heap[i] = _heap[child];
            i = child;
        }

        if (_heapCount > 0)
        {
            _heap[i] = last;
        }

        return (int)(top & KeyMask);
    }
}
