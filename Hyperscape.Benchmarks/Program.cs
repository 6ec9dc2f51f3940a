using BenchmarkDotNet.Running;
using Hyperscape.Benchmarks.Load;

namespace Hyperscape.Benchmarks;

/// <summary>
/// Entry point. <c>load ...</c> runs the load generator against a real server; anything else goes
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

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
