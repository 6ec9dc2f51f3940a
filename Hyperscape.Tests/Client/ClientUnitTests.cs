using System.Diagnostics;
using System.Text.Json;

namespace Hyperscape.Tests.Client;

/// <summary>
/// The browser client's own unit tests (Vitest: prediction, interpolation, the pathfinder
/// against the server's recorded walks, message decoding), run once with Node and reported here
/// one test file per case, so <c>dotnet test</c> runs and counts them with everything else.
/// </summary>
[NonParallelizable]
public sealed class ClientUnitTests
{
    private static readonly string ClientRoot = RepositoryRoot.Combine("Hyperscape.Client");
    private JsonElement _report;
    private string _output = string.Empty;

    public static IEnumerable<string> TestFiles() =>
        Directory.EnumerateFiles(RepositoryRoot.Combine("Hyperscape.Client", "test"), "*.test.ts").Select(Path.GetFileName).Order()!;

    [OneTimeSetUp]
    public async Task RunVitest()
    {
        var vitest = Path.Combine(ClientRoot, "node_modules", "vitest", "vitest.mjs");
        Assert.That(File.Exists(vitest), Is.True, $"{vitest} is missing: the Host build installs the client's packages (npm ci) unless SkipClientBuild was set");
        var reportFile = Path.Combine(Path.GetTempPath(), $"hyperscape-vitest-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("node", ["--no-warnings", vitest, "run", "--reporter=json", $"--outputFile={reportFile}"])
        {
            WorkingDirectory = ClientRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        _output = await stdout + await stderr;
        Assert.That(File.Exists(reportFile), Is.True, $"vitest wrote no report (exit {process.ExitCode}):\n{_output}");
        _report = JsonDocument.Parse(await File.ReadAllTextAsync(reportFile)).RootElement.Clone();
        File.Delete(reportFile);
    }

    [TestCaseSource(nameof(TestFiles))]
    public void TestFilePasses(string file)
    {
        var results = _report.GetProperty("testResults").EnumerateArray()
            .FirstOrDefault(r => Path.GetFileName(r.GetProperty("name").GetString()) == file);
        Assert.That(results.ValueKind, Is.EqualTo(JsonValueKind.Object), $"vitest did not run {file}:\n{_output}");
        var assertions = results.GetProperty("assertionResults").EnumerateArray().ToList();
        var failed = assertions.Where(a => a.GetProperty("status").GetString() != "passed")
            .Select(a => $"{a.GetProperty("fullName").GetString()} ({a.GetProperty("status").GetString()}): {string.Join("\n", a.GetProperty("failureMessages").EnumerateArray().Select(m => m.GetString()))}")
            .ToList();
        Assert.That(assertions, Is.Not.Empty, $"{file} has no tests");
        Assert.That(failed, Is.Empty, $"{file}: {failed.Count} of {assertions.Count} failed");
        TestContext.Out.WriteLine($"{file}: {assertions.Count} tests passed");
    }
}
