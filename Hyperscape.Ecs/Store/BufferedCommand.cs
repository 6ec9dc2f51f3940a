namespace Hyperscape.Ecs.Store;

/// <summary>
/// One recorded command. <see cref="Payload"/> is a byte offset into the buffer's value arena for
/// Add and Set, and an index into its component-set list for Create.
/// </summary>
internal readonly record struct BufferedCommand(CommandKind Kind, Entity Target, int ComponentId, int Payload);
