namespace Hyperscape.Tests.Browser;

/// <summary>An entity as a browser page shows it.</summary>
internal sealed record SeenEntity(long Id, int Kind, string Name, int Type, double X, double Z, bool Dead);
