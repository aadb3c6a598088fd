using System.Diagnostics;

namespace MlKatas.Grading.Timing;

/// <summary>The running time measured at one size.</summary>
public sealed record SizeTiming(long Size, double Milliseconds);

/// <summary>How running time grows with a size parameter: the slope of log(time) against log(size).</summary>
public sealed record ComplexityReport
{
    /// <summary>The size parameter (e.g. <c>T</c>).</summary>
    public required string Parameter { get; init; }
    /// <summary>Least-squares slope of log(time) over log(size) for the solution.</summary>
    public required double Slope { get; init; }
    /// <summary>The same slope for the reference, measured in the same run.</summary>
    public required double ReferenceSlope { get; init; }
    /// <summary>The largest slope that passes.</summary>
    public required double MaxSlope { get; init; }
    /// <summary>What the kata expects, in words (e.g. "O(T·window·D): linear in T").</summary>
    public required string Expected { get; init; }
    /// <summary>The solution's timings.</summary>
    public required IReadOnlyList<SizeTiming> Timings { get; init; }
    /// <summary>How many times it was measured (a slope over the limit is measured again before failing).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>
    /// Largest excess of the solution's slope over the reference's, measured interleaved in the same run. Either bound
    /// passes: on a noisy machine a linear solution may show a slope above <see cref="MaxSlope"/>, but then the
    /// reference, measured in the same moments, shows it too.
    /// </summary>
    public double MaxExcessOverReference { get; init; } = 0.5;

    /// <summary>
    /// How far the slope is past the nearer of the two bounds (<see cref="MaxSlope"/>, and the reference's slope plus
    /// <see cref="MaxExcessOverReference"/>); zero or less is within the limit. Of two measurements, the one with the
    /// smaller overshoot counts — not the one with the smaller slope, which may be further past both bounds when the
    /// reference's slope fell between the two.
    /// </summary>
    public double Overshoot => Math.Min(Slope - MaxSlope, Slope - ReferenceSlope - MaxExcessOverReference);

    /// <summary>Whether the growth is within the limit.</summary>
    public bool WithinLimit => Overshoot <= 0;

    /// <summary>
    /// Over both bounds by more than <see cref="NoiseMargin"/>: no second measurement is needed (a dense T×T attention
    /// measures a slope near 2 against a limit of 1.4; the largest slope measured for a linear solution in 100 runs of
    /// the reference against itself was 1.25).
    /// </summary>
    public bool BeyondDoubt => Overshoot > NoiseMargin;

    /// <summary>How far past both bounds a slope must be to count without a second measurement.</summary>
    public const double NoiseMargin = 0.3;
}

/// <summary>
/// Measures time over a geometric series of sizes and fits the slope of log(time) on log(size). A dense T×T attention
/// has slope ≈ 2 where a sliding window has ≈ 1, a difference no timing noise can blur.
/// </summary>
public static class ComplexityProbe
{
    /// <summary>Times <paramref name="run"/> at each size (minimum of <paramref name="repeats"/> runs) and fits the slope.</summary>
    public static IReadOnlyList<SizeTiming> Measure(IReadOnlyList<long> sizes, Func<long, Action> run, int repeats = 3)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(run);
        return sizes.Select(size => new SizeTiming(size, Best(run(size), repeats))).ToList();
    }

    /// <summary>
    /// Times two implementations at each size, one after the other (minimum of <paramref name="repeats"/> runs each,
    /// each after its own untimed warm-up call), so that a slow stretch of the machine falls on both at that size.
    /// Not call by call: a dense solution's run, which frees T×T buffers, left the next call of the reference to fault
    /// its memory back in (page faults cost ~12 µs each on the 2-core VM), inflating the reference's largest sizes —
    /// global-local-attention's reference measured slopes of 1.07–1.65 beside a dense mutant and 0.4–1.0 beside itself,
    /// which narrowed the margin that rejects the dense one. The warm-up right before each implementation's timed runs
    /// absorbs that, and the order costs no extra calls.
    /// </summary>
    public static (IReadOnlyList<SizeTiming> First, IReadOnlyList<SizeTiming> Second) MeasureInterleaved(
        IReadOnlyList<long> sizes, Func<long, Action> first, Func<long, Action> second, int repeats = 3)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = new List<SizeTiming>();
        var b = new List<SizeTiming>();
        foreach (long size in sizes)
        {
            a.Add(new SizeTiming(size, Best(first(size), repeats)));
            b.Add(new SizeTiming(size, Best(second(size), repeats)));
        }
        return (a, b);
    }

    private static double Best(Action run, int repeats)
    {
        run(); // warm-up, right before the timed runs
        double best = double.MaxValue;
        for (int i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }
        return best;
    }

    /// <summary>Least-squares slope of log(ms) against log(size).</summary>
    public static double Slope(IReadOnlyList<SizeTiming> timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var xs = timings.Select(t => Math.Log(t.Size)).ToArray();
        var ys = timings.Select(t => Math.Log(Math.Max(t.Milliseconds, 1e-6))).ToArray();
        double mx = xs.Average(), my = ys.Average();
        double num = 0, den = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            num += (xs[i] - mx) * (ys[i] - my);
            den += (xs[i] - mx) * (xs[i] - mx);
        }
        return den == 0 ? 0 : num / den;
    }
}
