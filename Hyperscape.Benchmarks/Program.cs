using BenchmarkDotNet.Running;

namespace Hyperscape.Benchmarks;

/// <summary>
/// Entry point. Without a command it hands the arguments to BenchmarkDotNet
/// (for example <c>--filter *Query*</c>); later commands (the load generator) are routed here too.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
