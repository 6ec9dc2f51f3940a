using System.Runtime.CompilerServices;
using Hyperscape.Ecs.Threading;

namespace Hyperscape.Ecs.Store;

// The arities of one body live together, as the ForEach callbacks they run do.
#pragma warning disable SA1402, MA0048

/// <summary>Runs a one-component callback over slices; each range gets its own copy of the action.</summary>
internal readonly struct ParallelForEachBody<TAction, T1>(QuerySlice[] slices, TAction action, int id1, uint version) : IParallelBody
    where TAction : struct, IForEach<T1>
    where T1 : unmanaged
{
    public void Execute(int start, int end, int worker)
    {
        var copy = action;
        for (var s = start; s < end; s++)
        {
            var (chunk, first, count) = slices[s];
            var archetype = chunk.Archetype;
            ref var r1 = ref Unsafe.Add(ref chunk.Write<T1>(archetype.ColumnOf(id1), version), first);
            for (var i = 0; i < count; i++)
            {
                copy.Execute(ref Unsafe.Add(ref r1, i));
            }
        }
    }
}

/// <summary>Runs a two-component callback over slices; each range gets its own copy of the action.</summary>
internal readonly struct ParallelForEachBody<TAction, T1, T2>(QuerySlice[] slices, TAction action, int id1, int id2, uint version) : IParallelBody
    where TAction : struct, IForEach<T1, T2>
    where T1 : unmanaged
    where T2 : unmanaged
{
    public void Execute(int start, int end, int worker)
    {
        var copy = action;
        for (var s = start; s < end; s++)
        {
            var (chunk, first, count) = slices[s];
            var archetype = chunk.Archetype;
            ref var r1 = ref Unsafe.Add(ref chunk.Write<T1>(archetype.ColumnOf(id1), version), first);
            ref var r2 = ref Unsafe.Add(ref chunk.Write<T2>(archetype.ColumnOf(id2), version), first);
            for (var i = 0; i < count; i++)
            {
                copy.Execute(ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i));
            }
        }
    }
}

/// <summary>Runs a three-component callback over slices; each range gets its own copy of the action.</summary>
internal readonly struct ParallelForEachBody<TAction, T1, T2, T3>(QuerySlice[] slices, TAction action, int id1, int id2, int id3, uint version) : IParallelBody
    where TAction : struct, IForEach<T1, T2, T3>
    where T1 : unmanaged
    where T2 : unmanaged
    where T3 : unmanaged
{
    public void Execute(int start, int end, int worker)
    {
        var copy = action;
        for (var s = start; s < end; s++)
        {
            var (chunk, first, count) = slices[s];
            var archetype = chunk.Archetype;
            ref var r1 = ref Unsafe.Add(ref chunk.Write<T1>(archetype.ColumnOf(id1), version), first);
            ref var r2 = ref Unsafe.Add(ref chunk.Write<T2>(archetype.ColumnOf(id2), version), first);
            ref var r3 = ref Unsafe.Add(ref chunk.Write<T3>(archetype.ColumnOf(id3), version), first);
            for (var i = 0; i < count; i++)
            {
                copy.Execute(ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i), ref Unsafe.Add(ref r3, i));
            }
        }
    }
}

/// <summary>Runs a four-component callback over slices; each range gets its own copy of the action.</summary>
internal readonly struct ParallelForEachBody<TAction, T1, T2, T3, T4>(QuerySlice[] slices, TAction action, int id1, int id2, int id3, int id4, uint version) : IParallelBody
    where TAction : struct, IForEach<T1, T2, T3, T4>
    where T1 : unmanaged
    where T2 : unmanaged
    where T3 : unmanaged
    where T4 : unmanaged
{
    public void Execute(int start, int end, int worker)
    {
        var copy = action;
        for (var s = start; s < end; s++)
        {
            var (chunk, first, count) = slices[s];
            var archetype = chunk.Archetype;
            ref var r1 = ref Unsafe.Add(ref chunk.Write<T1>(archetype.ColumnOf(id1), version), first);
            ref var r2 = ref Unsafe.Add(ref chunk.Write<T2>(archetype.ColumnOf(id2), version), first);
            ref var r3 = ref Unsafe.Add(ref chunk.Write<T3>(archetype.ColumnOf(id3), version), first);
            ref var r4 = ref Unsafe.Add(ref chunk.Write<T4>(archetype.ColumnOf(id4), version), first);
            for (var i = 0; i < count; i++)
            {
                copy.Execute(ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i), ref Unsafe.Add(ref r3, i), ref Unsafe.Add(ref r4, i));
            }
        }
    }
}
