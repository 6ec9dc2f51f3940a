namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// The prayers of a world, indexed by id (their order in <c>prayers.json</c>, from 0: a prayer's
/// id is its bit in an active set). <see cref="Prayer"/> names the default book's.
/// </summary>
public sealed class PrayerBook
{
    /// <summary>The most prayers a book holds: an active set is one bit each in an int.</summary>
    public const int MaxPrayers = 31;

    private readonly PrayerDefinition[] _prayers;

    /// <summary>Builds a book; ids must run 0, 1, 2... in order, at most <see cref="MaxPrayers"/>.</summary>
    public PrayerBook(IEnumerable<PrayerDefinition> prayers)
    {
        ArgumentNullException.ThrowIfNull(prayers);
        _prayers = [.. prayers];
        if (_prayers.Length > MaxPrayers)
        {
            throw new ArgumentException($"A prayer book holds at most {MaxPrayers} prayers.", nameof(prayers));
        }

        for (var i = 0; i < _prayers.Length; i++)
        {
            if ((int)_prayers[i].Prayer != i)
            {
                throw new ArgumentException($"Prayer '{_prayers[i].Name}' has id {(int)_prayers[i].Prayer}; prayers are numbered 0, 1, 2... in order.", nameof(prayers));
            }
        }
    }

    /// <summary>A world without prayers.</summary>
    public static PrayerBook Empty { get; } = new([]);

    /// <summary>The prayers of the default world (<see cref="Content.GameContent.Default"/>).</summary>
    public static PrayerBook Standard => Content.GameContent.Default.Prayers;

    /// <summary>Every prayer, in id order.</summary>
    public IReadOnlyList<PrayerDefinition> All => _prayers;

    /// <summary>Every prayer as a span: the tick walks it without an enumerator.</summary>
    internal ReadOnlySpan<PrayerDefinition> Span => _prayers;

    /// <summary>The number of prayers.</summary>
    public int Count => _prayers.Length;

    /// <summary>The definition of <paramref name="prayer"/>.</summary>
    public PrayerDefinition Get(Prayer prayer) => _prayers[(int)prayer];

    /// <summary>True for a value the book holds (it arrives from clients).</summary>
    public bool IsDefined(int prayer) => (uint)prayer < (uint)_prayers.Length;
}
