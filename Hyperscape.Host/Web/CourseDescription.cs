namespace Hyperscape.Host.Web;

/// <summary>An agility course as the browser client shows it.</summary>
/// <param name="Name">Display name.</param>
/// <param name="LapXpTenths">The lap bonus, in tenths.</param>
/// <param name="Obstacles">Its obstacles, in course order.</param>
public sealed record CourseDescription(string Name, int LapXpTenths, IReadOnlyList<ObstacleDescription> Obstacles);
