namespace Hyperscape.Ecs.Protocol;

/// <summary>Where a chat message goes.</summary>
public enum ChatChannel : byte
{
    /// <summary>Everyone who can see the speaker.</summary>
    Public = 0,

    /// <summary>One friend, by name.</summary>
    Private = 1,

    /// <summary>From the server itself (announcements).</summary>
    System = 2,
}
