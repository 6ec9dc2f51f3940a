namespace Hyperscape.Ecs.Store;

/// <summary>The structural operations a <see cref="CommandBuffer"/> can defer.</summary>
internal enum CommandKind : byte
{
    Create,
    Destroy,
    Add,
    Remove,
    Set,
}
