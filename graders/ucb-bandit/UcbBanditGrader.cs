using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/ucb-bandit: UCB1 on a given reward table — the initial round, the ln(t − 1) bonus, the tie rule — and
/// the play counts, sample means and cumulative regret it produces. Arms and counts are compared exactly.
/// </summary>
public sealed class UcbBanditGrader : KataGrader
{
    private const string RunSignature = "public static UcbOutput Run(Tensor rewards, double c)";

    public override KataSpec Spec { get; } = new()
    {
        Slug = "ucb-bandit",
        // Arms and counts are integers, compared exactly. Values are means of at most T float64 rewards (sum/count or
        // an incremental mean: ~1e-16 relative apart); regret is a cumulative sum of T gaps. atol 1e-12 is for regret 0
        // (the best arm played), rtol 1e-10 for the summation order (rewards up to ~1e6 in the golden cases).
        Tolerance = new Tolerance(1e-12, 1e-10),
        // Calibrated single-threaded on the shared 2-core machine at load 11–20, on T = 200, K = 64 first:
        // IncrementalTensorControl (tensors updated with index writes, an incremental mean, nonzero() for the tie, item()
        // reads) 1.19× (spread 0.98–1.52); PerArmLoop (counts[a].item() and sums[a].item() per arm per step) 7.0× (spread
        // 5.4–7.1). The sequential loop costs every solution the same per step, so the per-arm waste shows only as ~2K item
        // reads against ~14 ops: the ratio is K-bound and the budget sits between, at 3×. The timing case was then
        // shortened to T = 120 (56 UCB decisions after the 64-step initial round) to keep one reference call near 5 ms quiet.
        SpeedBudget = 3,
        SpeedBudgetCalibration = "reference: one vectorised [K] score per step (T = 120, K = 64); IncrementalTensorControl 1.19×; PerArmLoop (item() per arm per step) 7.0× — TooSlow (measured at T = 200)",
        EntryPoints = ["Ucb.Run"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var run = ContractBinder.StaticMethod<Func<Tensor, double, object>>(solution, "Ucb", "Run", RunSignature);
        return c =>
        {
            object result = run(c.Input("rewards"), c.Arg<double>("c"))
                ?? throw new ContractMismatchException("Run returned null instead of a UcbOutput");
            return new Dictionary<string, Tensor>
            {
                ["out.arms"] = ContractBinder.Property<Tensor>(result, "Arms"),
                ["out.counts"] = ContractBinder.Property<Tensor>(result, "Counts"),
                ["out.values"] = ContractBinder.Property<Tensor>(result, "Values"),
                ["out.regret"] = ContractBinder.Property<Tensor>(result, "Regret"),
            };
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double[] cs = [0.5, 1.0, Math.Sqrt(2), 2.0];
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            int k = rng.Next(1, 7), t = rng.Next(1, 61);
            bool bernoulli = i % 2 == 0;
            var args = new JsonObject { ["c"] = cs[rng.Next(cs.Length)] };
            yield return ReferenceCase($"random #{i + 1}", reference, Table(rng, t, k, bernoulli), args,
                note: bernoulli ? "random Bernoulli 0/1 reward table drawn for this grading (ties between arms are frequent: lowest index wins)"
                    : "random Gaussian reward table drawn for this grading");
        }
    }

    public override KataCase TimingCase(Random rng) =>
        new("timing", Table(rng, 120, 64, bernoulli: false), new JsonObject { ["c"] = Math.Sqrt(2) }, new Dictionary<string, Tensor>());

    /// <summary>A [t, k] table: per-arm means U(0, 1), then Bernoulli(mean) draws or N(mean, 1) draws.</summary>
    private static Dictionary<string, Tensor> Table(Random rng, int t, int k, bool bernoulli)
    {
        var means = Rand(rng, ScalarType.Float64, k);
        var table = bernoulli
            ? (Rand(rng, ScalarType.Float64, t, k) < means).to_type(ScalarType.Float64)
            : means + RandN(rng, ScalarType.Float64, t, k);
        return new Dictionary<string, Tensor> { ["rewards"] = table };
    }
}
