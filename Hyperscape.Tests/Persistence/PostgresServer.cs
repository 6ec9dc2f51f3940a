using Hyperscape.Host.Persistence;

namespace Hyperscape.Tests.Persistence;

/// <summary>
/// One PostgreSQL server for the whole test run: the one named by <c>HYPERSCAPE_PG_CONNECTION</c>,
/// or a throwaway cluster started here. Without PostgreSQL installed the tests that need it are
/// ignored with a reason, unless <c>HYPERSCAPE_REQUIRE_POSTGRES=1</c> (CI), which makes it a failure.
/// </summary>
public static class PostgresServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static LocalPostgresCluster? _cluster;
    private static string? _maintenance;
    private static int _databases;

    /// <summary>A connection string to a new, empty database.</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_maintenance is null)
            {
                var external = Environment.GetEnvironmentVariable("HYPERSCAPE_PG_CONNECTION");
                if (!string.IsNullOrEmpty(external))
                {
                    _maintenance = external;
                }
                else if (LocalPostgresCluster.FindBinaries() is null)
                {
                    const string Missing = "PostgreSQL server binaries are not installed (apt-get install postgresql), and HYPERSCAPE_PG_CONNECTION is not set.";
                    if (Environment.GetEnvironmentVariable("HYPERSCAPE_REQUIRE_POSTGRES") == "1")
                    {
                        Assert.Fail(Missing);
                    }

                    Assert.Ignore(Missing);
                }
                else
                {
                    _cluster = await LocalPostgresCluster.StartAsync();
                    _maintenance = _cluster.ConnectionString;
                }
            }

            var name = $"hyperscape_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
            await using var connection = new Npgsql.NpgsqlConnection(_maintenance);
            await connection.OpenAsync();
            await using (var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection))
            {
                await command.ExecuteNonQueryAsync();
            }

            return new Npgsql.NpgsqlConnectionStringBuilder(_maintenance) { Database = name }.ToString();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Stops the throwaway cluster, if one was started (at the end of the whole run: <see cref="TestRun"/>).</summary>
    public static async Task StopAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }
}
