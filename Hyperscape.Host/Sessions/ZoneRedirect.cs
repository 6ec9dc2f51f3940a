namespace Hyperscape.Host.Sessions;

/// <summary>Where a character plays instead of here (zone mode): its zone and that zone's game socket.</summary>
/// <param name="Zone">The zone.</param>
/// <param name="Address">Its public game socket address.</param>
public sealed record ZoneRedirect(int Zone, string Address);
