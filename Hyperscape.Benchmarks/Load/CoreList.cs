using System.Globalization;

namespace Hyperscape.Benchmarks.Load;

/// <summary>A list of CPU cores as <c>taskset -c</c> writes it: "0", "1-3", "0,2-3".</summary>
internal static class CoreList
{
    /// <summary>Parses a list into an affinity mask (bit n = core n); false when malformed or beyond 63.</summary>
    public static bool TryParse(string? text, out long mask)
    {
        mask = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var part in text.Split(','))
        {
            var bounds = part.Split('-');
            if (bounds.Length > 2
                || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || first > last || last > 63)
            {
                mask = 0;
                return false;
            }

            for (var core = first; core <= last; core++)
            {
                mask |= 1L << core;
            }
        }

        return true;
    }
}
