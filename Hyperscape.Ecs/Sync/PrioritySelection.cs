namespace Hyperscape.Ecs.Sync;

/// <summary>
/// Partial ordering of a packet's waiting entries: a packet holds a few dozen of the hundreds an
/// entity-dense view can have waiting, so only the largest keys are put in order, and the rest
/// only if the packet still has room when it reaches them.
/// </summary>
internal static class PrioritySelection
{
    /// <summary>
    /// Moves the <paramref name="count"/> largest keys to the end of <paramref name="keys"/> (in no
    /// particular order; every key before them is smaller). Keys must be distinct. Expected linear time.
    /// </summary>
    public static void MoveLargestToEnd(Span<long> keys, int count)
    {
        var target = keys.Length - count;
        if (count <= 0 || target <= 0)
        {
            return;
        }

        var low = 0;
        var high = keys.Length - 1;
        while (low < high)
        {
            // Median of three as the pivot: sorted or nearly sorted input stays linear.
            var middle = low + ((high - low) >> 1);
            if (keys[middle] < keys[low])
            {
                (keys[middle], keys[low]) = (keys[low], keys[middle]);
            }

            if (keys[high] < keys[low])
            {
                (keys[high], keys[low]) = (keys[low], keys[high]);
            }

            if (keys[high] < keys[middle])
            {
                (keys[high], keys[middle]) = (keys[middle], keys[high]);
            }

            var pivot = keys[middle];
            var i = low;
            var j = high;
            while (i <= j)
            {
                while (keys[i] < pivot)
                {
                    i++;
                }

                while (keys[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (keys[i], keys[j]) = (keys[j], keys[i]);
                    i++;
                    j--;
                }
            }

            // Everything in [low, j] ≤ pivot ≤ everything in [i, high]; keep the side holding the boundary.
            if (target <= j)
            {
                high = j;
            }
            else if (target >= i)
            {
                low = i;
            }
            else
            {
                return;
            }
        }
    }
}
