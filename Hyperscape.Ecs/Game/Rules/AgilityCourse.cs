namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// An agility course: obstacles crossed in order; crossing the last after every other one this
/// lap gives the lap bonus. Data, from the world file.
/// </summary>
/// <param name="Key">The string id content files name it by.</param>
/// <param name="Name">Display name.</param>
/// <param name="LapXpTenths">The bonus for a whole lap, in tenths.</param>
/// <param name="Obstacles">The obstacles, in course order (at most <see cref="MaxObstacles"/>).</param>
public sealed record AgilityCourse(string Key, string Name, int LapXpTenths, AgilityObstacle[] Obstacles)
{
    /// <summary>The most obstacles a course has (a lap's progress is one bit each).</summary>
    public const int MaxObstacles = 32;

    /// <summary>The progress bits of a lap with every obstacle crossed.</summary>
    public uint FullLap => Obstacles.Length == MaxObstacles ? uint.MaxValue : (1u << Obstacles.Length) - 1;
}
