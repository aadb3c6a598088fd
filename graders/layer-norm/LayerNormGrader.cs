using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/layer-norm: the forward against PyTorch's layer_norm, and the hand-written backward's <c>grad.*</c>
/// outputs against autograd of the forward (out of tolerance: WrongGradient).
/// </summary>
public sealed class LayerNormGrader : KataGrader
{
    private const string ForwardSignature = "public static Tensor Forward(Tensor x, Tensor gamma, Tensor beta, double eps)";
    private const string BackwardSignature = "public static (Tensor Dx, Tensor DGamma, Tensor DBeta) Backward(Tensor dy, Tensor x, Tensor gamma, double eps)";
    private const string BothEntries = "Forward+Backward";
    private const string NormWhy = "this kata is to write the layer norm yourself";
    private const string AutogradWhy = "Backward is to be derived by hand; autograd is what grades it";

    public override KataSpec Spec { get; } = new()
    {
        Slug = "layer-norm",
        // float64 throughout. A two-pass float64 layer norm is exact to ~1e-15 relative, except that x − mean carries
        // ~ulp(|x|)/std: 1.5e-11 on the large-offset case (x ~ 1e5), measured 8e-12 for PyTorch. 1e-9 leaves ~50×
        // margin there, while E[x²] − E[x]² is off by ~1e-6 and the wrong-gradient mutants by O(1).
        Tolerance = new Tolerance(1e-9, 1e-9),
        // Calibrated on the controls in tests/MlKatas.Tests/Mutants/layer-norm, on the shared 2-core machine under load
        // ~15: at [32, 64, 256] the staged (dvar/dmu) backward measured 1.77× and a C# loop over rows only 3.55× (2.4 s a
        // call): with D = 256 the vectorised work per row hides the loop's per-row overhead. The timing case is now
        // [8, 64, 64] (512 rows of 64), where that overhead weighs ~4× more and a call of the loop is 8× shorter.
        SpeedBudget = 3,
        SpeedBudgetCalibration = "reference: two-pass statistics and the closed-form backward, timed as Forward then Backward on float64 [8, 64, 64]; " +
            "the staged (cs231n-style dvar/dmu) backward passes (~1.8×); a C# loop over rows is TooSlow",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.functional.layer_norm", NormWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.group_norm", NormWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.instance_norm", NormWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.batch_norm", NormWhy),
            new ForbiddenApi("TorchSharp.torch.nn.LayerNorm", NormWhy),
            new ForbiddenApi("TorchSharp.torch.nn.GroupNorm", NormWhy),
            new ForbiddenApi("TorchSharp.Modules.LayerNorm", NormWhy),
            new ForbiddenApi("TorchSharp.Modules.GroupNorm", NormWhy),
            new ForbiddenApi("TorchSharp.torch.autograd", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.backward", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.grad", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.get_grad", AutogradWhy),
        ],
        EntryPoints = ["LayerNorm.Forward", "LayerNorm.Backward"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var forward = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, double, Tensor>>(solution, "LayerNorm", "Forward", ForwardSignature);
        var backward = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, double, (Tensor, Tensor, Tensor)>>(
            solution, "LayerNorm", "Backward", BackwardSignature);
        return c =>
        {
            var outputs = new Dictionary<string, Tensor>();
            double eps = c.Arg<double>("eps");
            if (c.Entry is "Forward" or BothEntries)
            {
                outputs["out"] = forward(c.Input("x"), c.Input("gamma"), c.Input("beta"), eps);
            }
            if (c.Entry is "Backward" or BothEntries)
            {
                var (dx, dgamma, dbeta) = backward(c.Input("dy"), c.Input("x"), c.Input("gamma"), eps);
                outputs["grad.x"] = dx;
                outputs["grad.gamma"] = dgamma;
                outputs["grad.beta"] = dbeta;
            }
            return outputs;
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            int leadingDims = rng.Next(0, 3);   // x is [D], [N, D] or [B, T, D]
            long[] shape = Enumerable.Range(0, leadingDims).Select(_ => (long)rng.Next(1, 7)).Append((long)rng.Next(1, 40)).ToArray();
            double eps = new[] { 1e-5, 1e-6, 1e-3 }[rng.Next(3)];
            var x = RandN(rng, ScalarType.Float64, shape).mul_(rng.NextDouble() * 3 + 0.01).add_(rng.NextDouble() * 10 - 5);
            var gamma = RandN(rng, ScalarType.Float64, shape[^1]).mul_(0.5).add_(1);
            var beta = RandN(rng, ScalarType.Float64, shape[^1]);
            var args = new JsonObject { ["eps"] = eps };
            if (i % 2 == 0)
            {
                yield return ReferenceCase($"random #{i + 1}", reference, new() { ["x"] = x, ["gamma"] = gamma, ["beta"] = beta },
                    args, entry: "Forward", note: "Forward: random input drawn for this grading");
                continue;
            }
            var dy = RandN(rng, ScalarType.Float64, shape);
            var grads = LossGradients.ThroughReference(reference, "Forward",
                new Dictionary<string, Tensor> { ["x"] = x, ["gamma"] = gamma, ["beta"] = beta }, args, dy, ["x", "gamma", "beta"]);
            beta.Dispose();
            yield return new KataCase($"random #{i + 1}", new Dictionary<string, Tensor> { ["dy"] = dy, ["x"] = x, ["gamma"] = gamma },
                args, grads)
            {
                Source = "random",
                Hidden = true,
                Entry = "Backward",
                Note = "Backward: random input and upstream gradient drawn for this grading, graded against autograd of the forward",
            };
        }
    }

    // Forward then Backward on float64 [B, T, D] = [8, 64, 64]: one reference call is about a millisecond, and a loop
    // over the 512 rows costs ~512 × 20 tensor-op calls (tens of ms; TooSlow is confirmed in a few seconds).
    public override KataCase TimingCase(Random rng) =>
        new("timing", new Dictionary<string, Tensor>
        {
            ["x"] = RandN(rng, ScalarType.Float64, 8, 64, 64).mul_(2).add_(1),
            ["gamma"] = RandN(rng, ScalarType.Float64, 64).mul_(0.5).add_(1),
            ["beta"] = RandN(rng, ScalarType.Float64, 64),
            ["dy"] = RandN(rng, ScalarType.Float64, 8, 64, 64),
        }, new JsonObject { ["eps"] = 1e-5 }, new Dictionary<string, Tensor>()) { Entry = BothEntries };
}
