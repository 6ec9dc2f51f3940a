using BenchmarkDotNet.Running;
using Hyperscape.Benchmarks.ClientPage;
using Hyperscape.Benchmarks.Load;

namespace Hyperscape.Benchmarks;

/// <summary>
/// Entry point. <c>load ...</c> runs the load generator against a real server, <c>client ...</c>
/// measures the browser client in headless Chromium; anything else goes
/// to BenchmarkDotNet (for example <c>--filter *Query*</c>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["load", ..])
        {
            return await LoadCommand.RunAsync(args.AsMemory(1));
        }

        if (args is ["client", ..])
        {
            return await ClientMeasureCommand.RunAsync(args.AsMemory(1));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
