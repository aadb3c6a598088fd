using MlKatas.Grading.Timing;

namespace MlKatas.Tests;

/// <summary>
/// The timing logic under a deterministic clock: each "call" advances fake time by a set cost, so every assertion
/// is exact. (Real-clock behaviour — the reference against itself staying inside every budget — is measured by
/// `benchmarks self-timing`, not by a timed unit test, which flaked on a loaded 2-core CI machine.)
/// </summary>
public sealed class TimingTests
{
    private sealed class FakeClock : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => 1_000_000; // microseconds
        public override long GetTimestamp() => _ticks;
        public void Advance(double milliseconds) => _ticks += (long)Math.Round(milliseconds * 1000);
    }

    [Fact]
    public void Ratio_is_the_median_of_per_pair_ratios_and_the_budget_is_inclusive()
    {
        var clock = new FakeClock();
        var options = new TimingOptions { Clock = clock, MinRunTime = TimeSpan.FromMilliseconds(20) };
        var r = TimingComparer.Compare(() => clock.Advance(3), () => clock.Advance(1), 3, options);
        r.Samples.Should().Be(9);
        r.Ratio.Should().Be(3);
        r.SolutionMs.Should().Be(3);
        r.ReferenceMs.Should().Be(1);
        r.WithinBudget.Should().BeTrue("a ratio equal to the budget passes");
        (r with { Budget = 2.99 }).WithinBudget.Should().BeFalse();
    }

    [Fact]
    public void Short_calls_are_repeated_until_a_run_lasts_MinRunTime_and_sides_alternate_first()
    {
        var clock = new FakeClock();
        var order = new List<char>();
        var options = new TimingOptions { Clock = clock, WarmupRuns = 1, Samples = 4, MinRunTime = TimeSpan.FromMilliseconds(10) };
        TimingComparer.Compare(() => { order.Add('s'); clock.Advance(0.5); }, () => { order.Add('r'); clock.Advance(0.25); }, 2, options);
        // warm-up s r, calibration s r, then four runs of 10 ms on each side: 20 solution calls (0.5 ms) and 40 reference
        // calls (0.25 ms) — each side repeated to the same run time, so the quick side is not timed one noisy call at a time
        string seq = new(order.ToArray());
        seq[..4].Should().Be("srsr");
        string timed = seq[4..];
        string s20 = new('s', 20), r40 = new('r', 40);
        timed.Should().Be(s20 + r40 + r40 + s20 + s20 + r40 + r40 + s20);
    }

    [Fact]
    public void Sampling_stops_at_MaxTotalTime_but_never_before_three_pairs()
    {
        var clock = new FakeClock();
        var options = new TimingOptions { Clock = clock, WarmupRuns = 0, MinRunTime = TimeSpan.Zero, MaxTotalTime = TimeSpan.FromMilliseconds(1) };
        var r = TimingComparer.Compare(() => clock.Advance(100), () => clock.Advance(100), 2, options);
        r.Samples.Should().Be(3);
        r.Ratio.Should().Be(1);
    }

    [Fact]
    public void Sampling_stops_after_three_pairs_that_all_agree_beyond_doubt()
    {
        var clock = new FakeClock();
        var options = new TimingOptions { Clock = clock, WarmupRuns = 0, MinRunTime = TimeSpan.Zero };
        // a clear pass: every pair at most half the budget
        var pass = TimingComparer.Compare(() => clock.Advance(1), () => clock.Advance(1), 2, options);
        pass.Samples.Should().Be(3);
        pass.WithinBudget.Should().BeTrue();
        // a clear miss: every pair over twice the budget
        var miss = TimingComparer.Compare(() => clock.Advance(7), () => clock.Advance(1), 3, options);
        miss.Samples.Should().Be(3);
        miss.WithinBudget.Should().BeFalse();
        // just over half the budget, or just at twice it: sampled in full
        TimingComparer.Compare(() => clock.Advance(1.1), () => clock.Advance(1), 2, options).Samples.Should().Be(9);
        TimingComparer.Compare(() => clock.Advance(6), () => clock.Advance(1), 3, options).Samples.Should().Be(9);
        // turned off
        TimingComparer.Compare(() => clock.Advance(1), () => clock.Advance(1), 2, options with { ClearVerdictSamples = 0 })
            .Samples.Should().Be(9);
    }

    [Fact]
    public void One_pair_that_disagrees_keeps_sampling_and_the_median_decides()
    {
        var clock = new FakeClock();
        int call = 0;
        var options = new TimingOptions { Clock = clock, WarmupRuns = 0, MinRunTime = TimeSpan.Zero };
        // the second pair is hit by a stall that makes an otherwise clear pass look slow: no early stop, 9 pairs
        var r = TimingComparer.Compare(() => clock.Advance(++call == 2 ? 30 : 1), () => clock.Advance(1), 4, options);
        r.Samples.Should().Be(9);
        r.Ratio.Should().Be(1);
    }

    [Fact]
    public void Median_ignores_one_noisy_pair()
    {
        var clock = new FakeClock();
        int call = 0;
        var options = new TimingOptions { Clock = clock, WarmupRuns = 0, Samples = 5, MinRunTime = TimeSpan.Zero };
        // the third timed solution run is hit by a 50 ms stall
        var r = TimingComparer.Compare(() => clock.Advance(++call == 4 ? 52 : 2), () => clock.Advance(1), 3, options);
        r.RatioMax.Should().Be(52);
        r.RatioMin.Should().Be(2);
        r.Ratio.Should().Be(2);
        r.WithinBudget.Should().BeTrue();
    }

    [Fact]
    public void A_near_miss_is_measured_up_to_three_times_and_the_best_attempt_counts()
    {
        var clock = new FakeClock();
        double cost = 3.5; // first attempt over a 3x budget (noise), later attempts within it
        int solutionCalls = 0;
        var options = new TimingOptions { Clock = clock, WarmupRuns = 0, Samples = 3, MinRunTime = TimeSpan.Zero };
        var r = TimingComparer.CompareWithRetry(() => { clock.Advance(cost); if (++solutionCalls == 4) { cost = 2.5; } }, () => clock.Advance(1), 3, options);
        r.Attempts.Should().Be(2);
        r.Ratio.Should().Be(2.5);
        r.WithinBudget.Should().BeTrue();
    }

    [Fact]
    public void A_consistent_near_miss_fails_after_three_attempts_and_a_gross_miss_after_two()
    {
        var clock = new FakeClock();
        var options = new TimingOptions { Clock = clock, WarmupRuns = 0, Samples = 3, MinRunTime = TimeSpan.Zero };
        var near = TimingComparer.CompareWithRetry(() => clock.Advance(4), () => clock.Advance(1), 3, options);
        near.Attempts.Should().Be(3);
        near.WithinBudget.Should().BeFalse();
        // a gross median with one pair near the budget (noise could be at play) is measured once more
        int call = 0;
        var gross = TimingComparer.CompareWithRetry(() => clock.Advance(++call == 2 ? 5 : 40), () => clock.Advance(1), 3, options);
        gross.Attempts.Should().Be(2);
        gross.Ratio.Should().Be(40);
    }

    [Fact]
    public void A_gross_miss_on_every_pair_is_not_measured_again()
    {
        var clock = new FakeClock();
        var options = new TimingOptions { Clock = clock, WarmupRuns = 0, Samples = 3, MinRunTime = TimeSpan.Zero };
        var gross = TimingComparer.CompareWithRetry(() => clock.Advance(40), () => clock.Advance(1), 3, options);
        gross.Attempts.Should().Be(1, "every pair was over twice the budget");
        gross.Ratio.Should().Be(40);
        gross.StoppedEarly.Should().BeFalse();
    }

    [Fact]
    public void Slow_calls_far_over_budget_are_judged_on_the_warm_ups_alone()
    {
        var clock = new FakeClock();
        int solutionCalls = 0;
        var options = new TimingOptions { Clock = clock, WarmupRuns = 2 };
        // 400 ms per call against 2 ms: 200x, far over 4 x a 10x budget, and each call long enough to rule out a stall
        var r = TimingComparer.CompareWithRetry(() => { solutionCalls++; clock.Advance(400); }, () => clock.Advance(2), 10, options);
        r.StoppedEarly.Should().BeTrue();
        solutionCalls.Should().Be(2, "the two warm-up calls are the whole measurement");
        r.Samples.Should().Be(2);
        r.Ratio.Should().Be(200);
        r.Attempts.Should().Be(1);
        r.WithinBudget.Should().BeFalse();
    }

    [Fact]
    public void No_early_verdict_when_one_warm_up_is_quick_or_the_calls_are_short()
    {
        var clock = new FakeClock();
        int call = 0;
        var options = new TimingOptions { Clock = clock, WarmupRuns = 2, MinRunTime = TimeSpan.Zero };
        // a slow first call (JIT, a cold cache) followed by a quick one: measured in full
        var jit = TimingComparer.Compare(() => clock.Advance(++call == 1 ? 400 : 2), () => clock.Advance(1), 3, options);
        jit.StoppedEarly.Should().BeFalse();
        jit.Samples.Should().Be(9);
        jit.Ratio.Should().Be(2);
        // 100x over budget, but calls of 100 ms are short enough for a stall to matter: sampled as usual
        var shortCalls = TimingComparer.Compare(() => clock.Advance(100), () => clock.Advance(0.5), 2, options);
        shortCalls.StoppedEarly.Should().BeFalse();
        shortCalls.Samples.Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void Complexity_overshoot_is_the_distance_past_the_nearer_bound()
    {
        ComplexityReport Report(double slope, double reference) => new()
        {
            Parameter = "T", Slope = slope, ReferenceSlope = reference, MaxSlope = 1.4, Expected = "linear", Timings = [],
        };
        // over the limit by 0.2 and over the reference by 0.1 more than the allowed 0.5: the nearer bound counts
        Report(1.6, 1.0).Overshoot.Should().BeApproximately(0.1, 1e-12);
        Report(1.6, 1.0).WithinLimit.Should().BeFalse();
        // a steeper slope beside a steeper reference is within the limit: of these two measurements it is the one to
        // keep, though its slope is the larger (keeping the smaller slope failed a solution one measurement had passed)
        Report(1.7, 1.5).Overshoot.Should().BeNegative();
        Report(1.7, 1.5).WithinLimit.Should().BeTrue();
        // dense beside linear: past both bounds by more than the noise margin, no second measurement
        Report(2.0, 1.0).BeyondDoubt.Should().BeTrue();
        Report(1.75, 1.0).BeyondDoubt.Should().BeFalse("0.35 past the limit, but only 0.25 past the reference's slope + 0.5");
    }

    [Fact]
    public void Slope_of_a_quadratic_series_is_two()
    {
        var timings = new[] { 1L, 2, 4, 8 }.Select(n => new SizeTiming(n, 3.0 * n * n)).ToList();
        ComplexityProbe.Slope(timings).Should().BeApproximately(2, 1e-12);
    }
}
