using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace MlKatas.Benchmarks;

/// <summary>Runs the benchmark suites; exits non-zero when any benchmark failed (BenchmarkDotNet itself exits 0).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "self-timing")
        {
            return SelfTimingCheck.Run(args[1..]);
        }
        if (args.Length > 0 && args[0] == "compare")
        {
            return CompareImplementations.Run(args[1..]);
        }
        if (args.Length > 0 && args[0] == "peers")
        {
            return PeerComparison.Run(args[1..]);
        }
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return Failed(summaries) ? 1 : 0;
    }

    private static bool Failed(IEnumerable<Summary> summaries) =>
        summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success) || s.Reports.Length == 0 && s.BenchmarksCases.Length > 0);
}
