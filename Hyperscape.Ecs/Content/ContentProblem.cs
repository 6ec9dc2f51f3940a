namespace Hyperscape.Ecs.Content;

/// <summary>One thing wrong in a content file, where it is and what is wrong.</summary>
/// <param name="File">The file, as the loader was told its name.</param>
/// <param name="Path">Where in it, as a JSON path: <c>npcSpawns[3].at</c>.</param>
/// <param name="Message">What is wrong.</param>
public readonly record struct ContentProblem(string File, string Path, string Message)
{
    /// <summary><c>file: path: what is wrong</c>.</summary>
    public override string ToString() => $"{File}: {Path}: {Message}";
}
