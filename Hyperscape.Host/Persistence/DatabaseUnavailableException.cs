namespace Hyperscape.Host.Persistence;

/// <summary>The database could not be reached or prepared at start-up; the message says which and why, in one line.</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);
