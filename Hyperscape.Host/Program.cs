using Hyperscape.Host.Hosting;
using Microsoft.Extensions.Options;

try
{
    var app = ServerApplication.Build(args);
    await app.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (OptionsValidationException exception)
{
    await Console.Error.WriteLineAsync("Configuration problem:\n  " + string.Join("\n  ", exception.Failures)).ConfigureAwait(false);
    return 2;
}
catch (Exception exception) when (exception is Hyperscape.Host.Persistence.DatabaseTooNewException or IOException or System.Data.Common.DbException)
{
    // The host has logged the details; one clear line says why the server did not start.
    await Console.Error.WriteLineAsync($"The server could not start: {exception.Message}").ConfigureAwait(false);
    return 1;
}
