using System.Numerics;
using System.Runtime.InteropServices;

namespace Hyperscape.Ecs.Store;

/// <summary>
/// Native memory for chunks, shared by every world in the process. A chunk's block comes from
/// here and goes back here (when its world is disposed, or, failing that, finalized), so a new
/// world reuses memory an old one touched: no fresh pages from the OS, no garbage for the GC, and
/// no collection triggered by large allocations. Blocks are 64-byte aligned and sized in powers
/// of two, so any block of a size class fits any chunk of it.
/// </summary>
internal static unsafe class ChunkMemoryPool
{
    /// <summary>The smallest block.</summary>
    public const nuint MinBlockBytes = 1024;

    private const int Classes = 40;
    private static readonly Stack<nint>[] Free = Enumerable.Range(0, Classes).Select(_ => new Stack<nint>()).ToArray();
    private static readonly Lock Gate = new();
    private static long _retained;
    private static long _allocated;

    /// <summary>Free bytes kept for reuse at most; past it, returned blocks go back to the OS.</summary>
    public static long MaxRetainedBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Bytes kept free for reuse now.</summary>
    public static long RetainedBytes => Interlocked.Read(ref _retained);

    /// <summary>Bytes of blocks allocated from the OS and not yet freed (in use or retained).</summary>
    public static long AllocatedBytes => Interlocked.Read(ref _allocated);

    /// <summary>The block size that holds <paramref name="bytes"/>.</summary>
    public static nuint BlockSize(nuint bytes) => BitOperations.RoundUpToPowerOf2(Math.Max(bytes, MinBlockBytes));

    /// <summary>A block of <see cref="BlockSize"/>(<paramref name="bytes"/>) bytes; its contents are whatever was there.</summary>
    public static byte* Rent(nuint bytes)
    {
        var size = BlockSize(bytes);
        var sizeClass = BitOperations.Log2(size);
        lock (Gate)
        {
            if (Free[sizeClass].TryPop(out var block))
            {
                _retained -= (long)size;
                return (byte*)block;
            }
        }

        Interlocked.Add(ref _allocated, (long)size);
        return (byte*)NativeMemory.AlignedAlloc(size, 64);
    }

    /// <summary>Gives a block back for reuse (or to the OS, past <see cref="MaxRetainedBytes"/>).</summary>
    public static void Return(byte* block, nuint bytes)
    {
        var size = BlockSize(bytes);
        lock (Gate)
        {
            if (_retained + (long)size <= MaxRetainedBytes)
            {
                Free[BitOperations.Log2(size)].Push((nint)block);
                _retained += (long)size;
                return;
            }
        }

        Interlocked.Add(ref _allocated, -(long)size);
        NativeMemory.AlignedFree(block);
    }

    /// <summary>Frees every retained block (tests, and hosts shrinking after a peak).</summary>
    public static void Trim()
    {
        lock (Gate)
        {
            foreach (var stack in Free)
            {
                while (stack.TryPop(out var block))
                {
                    NativeMemory.AlignedFree((void*)block);
                }
            }

            Interlocked.Add(ref _allocated, -_retained);
            _retained = 0;
        }
    }
}
