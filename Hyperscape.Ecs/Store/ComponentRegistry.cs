using System.Runtime.CompilerServices;

namespace Hyperscape.Ecs.Store;

/// <summary>
/// Process-wide table of component types. Registration happens once per type, from the
/// static initializer of <see cref="ComponentId{T}"/>, so hot paths read a constant id.
/// </summary>
internal static class ComponentRegistry
{
    private static readonly Lock Gate = new();
    private static ComponentType[] _types = new ComponentType[32];
    private static int _count;

    /// <summary>The number of registered types; ids are <c>0 .. Count-1</c>.</summary>
    public static int Count => Volatile.Read(ref _count);

    public static ComponentType Get(int id) => _types[id];

    public static int Register<T>()
        where T : unmanaged
    {
        lock (Gate)
        {
            var id = _count;
            if (id >= ComponentSet.Capacity)
            {
                throw new InvalidOperationException(
                    $"Cannot register component {typeof(T).Name}: a process holds at most {ComponentSet.Capacity} component types.");
            }

            if (id == _types.Length)
            {
                Array.Resize(ref _types, id * 2);
            }

            _types[id] = new ComponentType(id, typeof(T), Unsafe.SizeOf<T>());
            Volatile.Write(ref _count, id + 1);
            return id;
        }
    }
}
