using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/sgd-momentum: the parameter trajectory of N steps of torch.optim.SGD (momentum, dampening, Nesterov,
/// coupled weight decay, the undamped first step) given each step's gradient.
/// </summary>
public sealed class SgdMomentumGrader : KataGrader
{
    private const string Signature = "public static Tensor Trajectory(Tensor param, Tensor grads, double lr, double momentum, double dampening, double weightDecay, bool nesterov)";

    /// <summary>The APIs that would do this kata's work (shared with the adam-optimizer kata).</summary>
    internal static IReadOnlyList<ForbiddenApi> OptimizerApis(string why) =>
    [
        new ForbiddenApi("TorchSharp.torch.optim", why),
        new ForbiddenApi("TorchSharp.Modules.SGD", why),
        new ForbiddenApi("TorchSharp.Modules.Adam", why),
        new ForbiddenApi("TorchSharp.Modules.AdamW", why),
        new ForbiddenApi("TorchSharp.Modules.OptimizerHelper", why),
        new ForbiddenApi("TorchSharp.torch.autograd", "the gradients are given: no autograd is needed"),
        new ForbiddenApi("TorchSharp.torch.Tensor.backward", "the gradients are given: no autograd is needed"),
    ];

    public override KataSpec Spec { get; } = new()
    {
        Slug = "sgd-momentum",
        // float64 trajectories of ≤ 50 steps: any arrangement of the update (lr·buf as a velocity, in-place or not) is
        // within a few ulps per step (1e-12 on the 1e4-sized parameters of the hard case), while every targeted mistake is
        // ≥ 1e-8 off (asserted ×100 by the generator).
        Tolerance = new Tolerance(1e-10, 1e-10),
        // Calibrated on the control and the row-loop mutant in tests/MlKatas.Tests/Mutants/sgd-momentum, single-threaded
        // libtorch on the shared 2-core machine under load ~15: the reference against itself 1.01× (spread 0.40–1.43), the
        // VelocityForm control 0.97× (0.56–3.64), the row loop 21× (its two warm-up calls).
        SpeedBudget = 4,
        SpeedBudgetCalibration = "reference: torch's update order on whole tensors, 20 steps on a float64 [64, 64] parameter " +
            "with momentum, Nesterov and weight decay; the control (velocity form v = lr·buf, a preallocated trajectory) passes; " +
            "a C# loop over the parameter's rows is TooSlow",
        Forbidden = OptimizerApis("torch.optim.SGD is the optimiser this kata asks you to write"),
        EntryPoints = ["SgdMomentum.Trajectory"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var f = ContractBinder.StaticMethod<Func<Tensor, Tensor, double, double, double, double, bool, Tensor>>(solution, "SgdMomentum", "Trajectory", Signature);
        return c => new Dictionary<string, Tensor>
        {
            ["out"] = f(c.Input("param"), c.Input("grads"), c.Arg<double>("lr"), c.Arg<double>("momentum"), c.Arg<double>("dampening"),
                c.Arg<double>("weightDecay"), c.Arg<bool>("nesterov")),
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            long[] shape = Enumerable.Range(0, rng.Next(0, 4)).Select(_ => (long)rng.Next(1, 6)).ToArray();
            int n = rng.Next(1, 26);
            bool nesterov = i % 2 == 1;
            double momentum = nesterov || rng.Next(4) > 0 ? 0.5 + 0.49 * rng.NextDouble() : 0.0;
            double dampening = nesterov ? 0.0 : Math.Round(rng.NextDouble() * 0.6, 2);
            double weightDecay = rng.Next(3) == 0 ? 0.0 : Math.Round(rng.NextDouble() * 0.2, 3);
            double lr = Math.Round(0.01 + rng.NextDouble() * 0.2, 3);
            var args = new JsonObject
            {
                ["lr"] = lr, ["momentum"] = momentum, ["dampening"] = dampening, ["weightDecay"] = weightDecay, ["nesterov"] = nesterov,
            };
            yield return ReferenceCase($"random #{i + 1}", reference,
                new() { ["param"] = RandN(rng, ScalarType.Float64, shape), ["grads"] = RandN(rng, ScalarType.Float64, [n, .. shape]) }, args,
                note: string.Create(CultureInfo.InvariantCulture,
                    $"{n} steps on a random [{string.Join(", ", shape)}] parameter: lr {lr}, momentum {momentum:0.###}, dampening {dampening}, weight decay {weightDecay}, nesterov {nesterov.ToString().ToLowerInvariant()}"));
        }
    }

    // 20 steps on a [64, 64] float64 parameter with every option on (32 KB tensors: each solution's cost is its number of
    // tensor calls; at [256, 256] fresh 512 KB allocations dominated and the loaded machine's ratios spread to 4×); a loop
    // over the parameter's rows makes ~8 000 tensor calls.
    public override KataCase TimingCase(Random rng) =>
        new("timing",
            new Dictionary<string, Tensor>
            {
                ["param"] = RandN(rng, ScalarType.Float64, 64, 64),
                ["grads"] = RandN(rng, ScalarType.Float64, 20, 64, 64),
            },
            new JsonObject { ["lr"] = 0.01, ["momentum"] = 0.9, ["dampening"] = 0.0, ["weightDecay"] = 1e-4, ["nesterov"] = true },
            new Dictionary<string, Tensor>());
}
