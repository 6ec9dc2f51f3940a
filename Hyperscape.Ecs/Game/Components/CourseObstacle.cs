namespace Hyperscape.Ecs.Game.Components;

/// <summary>Which obstacle an obstacle object is: of course <paramref name="Course"/> (index), number <paramref name="Index"/>.</summary>
/// <param name="Course">The course's index in <see cref="SimulationOptions.AgilityCourses"/>.</param>
/// <param name="Index">The obstacle's index on its course.</param>
public readonly record struct CourseObstacle(int Course, int Index);
