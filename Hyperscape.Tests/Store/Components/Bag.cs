namespace Hyperscape.Tests.Store.Components;

/// <summary>A component holding a fixed-size buffer, stored inline in its column.</summary>
public struct Bag
{
    public Slots28 Slots;

    public static Bag Filled(int seed)
    {
        var bag = default(Bag);
        for (var i = 0; i < 28; i++)
        {
            bag.Slots[i] = (seed * 31) + i;
        }

        return bag;
    }

    public readonly int Seed => Slots[0] / 31;

    public readonly bool IsFilledFrom(int seed)
    {
        for (var i = 0; i < 28; i++)
        {
            if (Slots[i] != (seed * 31) + i)
            {
                return false;
            }
        }

        return true;
    }
}
