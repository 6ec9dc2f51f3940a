using Hyperscape.Host.Configuration;
using Hyperscape.Host.Hosting;
using Hyperscape.Host.Persistence;

// Exit codes: 0 stopped with everyone saved; 1 the database could not be used at start-up;
// 2 a configuration problem; 3 stopped, but some characters could not be saved in time;
// 4 the game loop failed (everyone it could save was saved first).
WebApplication app;
try
{
    app = ServerApplication.Build(args);
}
catch (ServerConfigurationException exception)
{
    await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
    return 2;
}

await using (app.ConfigureAwait(false))
{
    try
    {
        await ServerApplication.StartAsync(app).ConfigureAwait(false);
    }
    catch (DatabaseUnavailableException exception)
    {
        await Console.Error.WriteLineAsync($"The server could not start: {exception.Message}").ConfigureAwait(false);
        return 1;
    }

    // Returns once the host has stopped: the game loop saved (or gave up on, within the shutdown
    // timeout) every character and closed every socket.
    await app.WaitForShutdownAsync().ConfigureAwait(false);
    return app.Services.GetRequiredService<ShutdownOutcome>().ExitCode;
}
