using System.Diagnostics;
using System.Globalization;
using MlKatas.Graders;
using MlKatas.Grading;
using MlKatas.Grading.Timing;

namespace MlKatas.Benchmarks;

/// <summary>
/// <c>self-timing [--runs N] [--kata SLUG]</c>: grades each kata's reference against itself for speed (and complexity
/// where declared) N times and counts failures. The design requires 0 of N: a learner's budget is only fair if the
/// reference can never miss it. Slow (minutes), so it is a benchmark-style check, not a CI test.
/// </summary>
public static class SelfTimingCheck
{
    public static int Run(string[] args)
    {
        int runs = 100;
        string? only = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--kata": only = args[++i]; break;
                default: Console.Error.WriteLine($"self-timing: unknown option {args[i]}"); return 2;
            }
        }
        int failures = 0;
        Console.WriteLine("| kata | runs | failed | median ratio | max ratio | max slope (limit) | seconds |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var grader in KataCatalog.All.Where(g => only is null || g.Spec.Slug == only))
        {
            var reference = grader.Reference();
            var ratios = new List<double>();
            double maxSlope = double.NaN;
            int failed = 0;
            var clock = Stopwatch.StartNew();
            for (int r = 0; r < runs; r++)
            {
                var (timing, complexity) = grader.MeasureSpeed(reference, reference, seed: r);
                ratios.Add(timing.Ratio);
                if (complexity is not null)
                {
                    maxSlope = double.IsNaN(maxSlope) ? complexity.Slope : Math.Max(maxSlope, complexity.Slope);
                }
                if (!timing.WithinBudget || complexity is { WithinLimit: false })
                {
                    failed++;
                    Console.Error.WriteLine($"{grader.Spec.Slug} run {r}: ratio {timing.Ratio:0.00}, slope {complexity?.Slope:0.00}");
                }
            }
            failures += failed;
            string slope = double.IsNaN(maxSlope) ? "—" : string.Create(CultureInfo.InvariantCulture, $"{maxSlope:0.00} ({grader.Complexity!.MaxSlope:0.0#})");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {grader.Spec.Slug} | {runs} | {failed} | {TimingComparer.Median(ratios):0.000} | {ratios.Max():0.000} (budget {grader.Spec.SpeedBudget:0.#}) | {slope} | {clock.Elapsed.TotalSeconds:0} |"));
        }
        return failures == 0 ? 0 : 1;
    }
}
