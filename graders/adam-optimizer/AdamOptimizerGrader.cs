using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/adam-optimizer: the parameter trajectory of N steps of torch.optim.Adam (L2 weight decay) or
/// torch.optim.AdamW (decoupled), with bias correction and eps after the square root, given each step's gradient.
/// </summary>
public sealed class AdamOptimizerGrader : KataGrader
{
    private const string Signature = "public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)";

    public override KataSpec Spec { get; } = new()
    {
        Slug = "adam-optimizer",
        // float64 trajectories of ≤ 50 steps. Each step moves p by at most ~lr·(1 − β1)/√(1 − β2) and is computed to a few
        // ulps whatever the arrangement (m̂ and v̂ explicit, or lr / (1 − β1ᵗ) folded into the step), so 1e-10 + 1e-9·|p|
        // is far above round-off; the targeted mistakes are ≥ 1e-7 off on their cases (asserted ×100 by the generator).
        Tolerance = new Tolerance(1e-10, 1e-9),
        // Calibrated on the control and the row-loop mutant in tests/MlKatas.Tests/Mutants/adam-optimizer, single-threaded
        // libtorch on the shared 2-core machine under load ~15: the reference against itself 0.93× (spread 0.59–1.99), the
        // out-of-place ExplicitMoments control 2.68× (1.90–3.68: ~15 fresh tensors a step against the reference's ~10 mostly
        // in-place ops), the row loop 25× (its two warm-up calls). 5× keeps the control clear of the budget.
        SpeedBudget = 5,
        SpeedBudgetCalibration = "reference: torch 1.13's single-tensor update (addcmul_, addcdiv_) on whole tensors, 20 AdamW steps " +
            "on a float64 [64, 64] parameter; the control (explicit m̂ and v̂, out-of-place ops, stacked rows) passes; a C# loop " +
            "over the parameter's rows is TooSlow",
        Forbidden = SgdMomentumGrader.OptimizerApis("torch.optim.Adam and AdamW are the optimisers this kata asks you to write"),
        EntryPoints = ["AdamOptimizer.Trajectory"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var f = ContractBinder.StaticMethod<Func<Tensor, Tensor, double, double, double, double, double, bool, Tensor>>(
            solution, "AdamOptimizer", "Trajectory", Signature);
        return c => new Dictionary<string, Tensor>
        {
            ["out"] = f(c.Input("param"), c.Input("grads"), c.Arg<double>("lr"), c.Arg<double>("beta1"), c.Arg<double>("beta2"),
                c.Arg<double>("eps"), c.Arg<double>("weightDecay"), c.Arg<bool>("decoupled")),
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            long[] shape = Enumerable.Range(0, rng.Next(0, 4)).Select(_ => (long)rng.Next(1, 6)).ToArray();
            int n = rng.Next(1, 31);
            bool decoupled = i % 2 == 1;
            double lr = Math.Round(Math.Pow(10, -1 - 2 * rng.NextDouble()), 5);
            double beta1 = new[] { 0.9, 0.8, 0.0, 0.95 }[rng.Next(4)];
            double beta2 = new[] { 0.999, 0.99, 0.9 }[rng.Next(3)];
            double eps = new[] { 1e-8, 1e-6, 1e-3 }[rng.Next(3)];
            double weightDecay = rng.Next(3) == 0 ? 0.0 : Math.Round(rng.NextDouble() * 0.2, 3);
            double gradScale = Math.Pow(10, rng.Next(-4, 3));
            var args = new JsonObject
            {
                ["lr"] = lr, ["beta1"] = beta1, ["beta2"] = beta2, ["eps"] = eps, ["weightDecay"] = weightDecay, ["decoupled"] = decoupled,
            };
            yield return ReferenceCase($"random #{i + 1}", reference,
                new()
                {
                    ["param"] = RandN(rng, ScalarType.Float64, shape),
                    ["grads"] = RandN(rng, ScalarType.Float64, [n, .. shape]).mul_(gradScale),
                }, args,
                note: string.Create(CultureInfo.InvariantCulture,
                    $"{(decoupled ? "AdamW" : "Adam")}, {n} steps on a random [{string.Join(", ", shape)}] parameter, gradients of scale {gradScale:g}: lr {lr}, betas ({beta1}, {beta2}), eps {eps:g}, weight decay {weightDecay}"));
        }
    }

    // 20 AdamW steps on a [64, 64] float64 parameter (32 KB tensors: each solution's cost is its number of tensor calls).
    // At [256, 256] the out-of-place control measured 3.9× on the loaded machine, paying for ~12 fresh 512 KB tensors a
    // step; a loop over the parameter's rows makes ~15 000 tensor calls.
    public override KataCase TimingCase(Random rng) =>
        new("timing",
            new Dictionary<string, Tensor>
            {
                ["param"] = RandN(rng, ScalarType.Float64, 64, 64),
                ["grads"] = RandN(rng, ScalarType.Float64, 20, 64, 64),
            },
            new JsonObject { ["lr"] = 1e-3, ["beta1"] = 0.9, ["beta2"] = 0.999, ["eps"] = 1e-8, ["weightDecay"] = 0.01, ["decoupled"] = true },
            new Dictionary<string, Tensor>());
}
