namespace Hyperscape.Ecs.Content;

/// <summary>Content that did not load: every problem found, not just the first; nothing of it was used.</summary>
public sealed class ContentException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/> (at least one).</summary>
    public ContentException(IReadOnlyList<ContentProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<ContentProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ContentProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentOutOfRangeException.ThrowIfZero(problems.Count);
        return $"The content has {problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}";
    }
}
