using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Spatial;

/// <summary>
/// A bucket grid of entities by tile, rebuilt in one pass (a counting sort) whenever positions
/// have moved. Range queries visit only the cells that overlap the range. Buffers are reused, so
/// rebuilding and querying allocate nothing once warm.
/// </summary>
internal sealed class SpatialGrid
{
    private readonly int _cellSize;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _cellStart;
    private Entity[] _pendingEntities = new Entity[256];
    private Tile[] _pendingTiles = new Tile[256];
    private int[] _pendingCell = new int[256];
    private Entity[] _entities = new Entity[256];
    private Tile[] _tiles = new Tile[256];
    private int _count;

    /// <summary>Creates a grid over a <paramref name="width"/> × <paramref name="height"/> tile world.</summary>
    public SpatialGrid(int width, int height, int cellSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cellSize, 1);
        _cellSize = cellSize;
        _columns = ((width - 1) / cellSize) + 1;
        _rows = ((height - 1) / cellSize) + 1;
        _cellStart = new int[(_columns * _rows) + 1];
    }

    /// <summary>The entities in the grid.</summary>
    public int Count => _count;

    /// <summary>Starts collecting a new set of entities.</summary>
    public void Clear() => _count = 0;

    /// <summary>Adds an entity at a tile; call <see cref="Build"/> after the last one.</summary>
    public void Add(Entity entity, Tile tile)
    {
        if (_count == _pendingEntities.Length)
        {
            var size = _count * 2;
            Array.Resize(ref _pendingEntities, size);
            Array.Resize(ref _pendingTiles, size);
            Array.Resize(ref _pendingCell, size);
            Array.Resize(ref _entities, size);
            Array.Resize(ref _tiles, size);
        }

        _pendingEntities[_count] = entity;
        _pendingTiles[_count] = tile;
        _pendingCell[_count] = CellOf(tile);
        _count++;
    }

    /// <summary>Sorts the collected entities into their cells.</summary>
    public void Build()
    {
        Array.Clear(_cellStart);
        for (var i = 0; i < _count; i++)
        {
            _cellStart[_pendingCell[i] + 1]++;
        }

        for (var c = 1; c < _cellStart.Length; c++)
        {
            _cellStart[c] += _cellStart[c - 1];
        }

        // Scatter through a cursor per cell; the starts are restored afterwards.
        for (var i = 0; i < _count; i++)
        {
            var at = _cellStart[_pendingCell[i]]++;
            _entities[at] = _pendingEntities[i];
            _tiles[at] = _pendingTiles[i];
        }

        for (var c = _cellStart.Length - 1; c > 0; c--)
        {
            _cellStart[c] = _cellStart[c - 1];
        }

        _cellStart[0] = 0;
    }

    /// <summary>
    /// Calls <paramref name="visitor"/> for every entity within <paramref name="radius"/> tiles
    /// (Chebyshev) of <paramref name="center"/>, in a deterministic order.
    /// </summary>
    public void VisitRange<TVisitor>(Tile center, int radius, ref TVisitor visitor)
        where TVisitor : struct, ISpatialVisitor
    {
        var minColumn = Math.Max(0, (center.X - radius) / _cellSize);
        var maxColumn = Math.Min(_columns - 1, Math.Max(0, center.X + radius) / _cellSize);
        var minRow = Math.Max(0, (center.Z - radius) / _cellSize);
        var maxRow = Math.Min(_rows - 1, Math.Max(0, center.Z + radius) / _cellSize);
        for (var row = minRow; row <= maxRow; row++)
        {
            for (var column = minColumn; column <= maxColumn; column++)
            {
                var cell = (row * _columns) + column;
                for (int i = _cellStart[cell], end = _cellStart[cell + 1]; i < end; i++)
                {
                    if (_tiles[i].DistanceTo(center) <= radius)
                    {
                        visitor.Visit(_entities[i], _tiles[i]);
                    }
                }
            }
        }
    }

    private int CellOf(Tile tile)
    {
        var column = Math.Clamp(tile.X / _cellSize, 0, _columns - 1);
        var row = Math.Clamp(tile.Z / _cellSize, 0, _rows - 1);
        return (row * _columns) + column;
    }
}
