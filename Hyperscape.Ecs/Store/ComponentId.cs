namespace Hyperscape.Ecs.Store;

/// <summary>
/// The registered id of <typeparamref name="T"/>. A static readonly field of a generic class is a
/// JIT-time constant once initialized, so generic store methods pay nothing to look it up.
/// </summary>
internal static class ComponentId<T>
    where T : unmanaged
{
    public static readonly int Value = ComponentRegistry.Register<T>();
}
