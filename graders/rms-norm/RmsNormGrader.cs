using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/rms-norm: the forward against a PyTorch implementation of the formula (golden cases) and the reference
/// (random cases), and the hand-written backward's <c>grad.*</c> outputs against autograd of the forward (out of
/// tolerance: WrongGradient). float64 and float32 cases.
/// </summary>
public sealed class RmsNormGrader : KataGrader
{
    private const string ForwardSignature = "public static Tensor Forward(Tensor x, Tensor weight, double eps)";
    private const string BackwardSignature = "public static (Tensor Dx, Tensor DWeight) Backward(Tensor dy, Tensor x, Tensor weight, double eps)";
    private const string BothEntries = "Forward+Backward";
    private const string NormWhy = "this kata is to write the RMS norm yourself";
    private const string AutogradWhy = "Backward is to be derived by hand; autograd is what grades it";

    public override KataSpec Spec { get; } = new()
    {
        Slug = "rms-norm",
        // float64: the forward is exact to a few ulp and dx has no cancellation beyond g − x̂·mean(g·x̂) (≤ 1e-14
        // relative); 1e-9 leaves a wide margin while eps outside the sqrt, the mean subtracted or a missing term are off
        // by ≥ 1e-3.
        Tolerance = new Tolerance(1e-9, 1e-9),
        // float32: expected values are exact answers rounded to float32; a plain float32 computation (means of ≤ 64
        // squares, sums of ≤ 40 rows for dweight) is within 1e-5 of them — the generator asserts a tenth of this.
        Float32Tolerance = new Tolerance(1e-4, 1e-4),
        // Calibrated on tests/MlKatas.Tests/Mutants/rms-norm on the shared 2-core machine under load ~25 (libtorch
        // single-threaded): the staged backward through d·mean(x²) measured 1.33×, a C# loop over rows 218× (pairs from
        // 37×): float32 rows of 128 are so cheap that the loop's per-row tensor calls dominate.
        SpeedBudget = 3,
        SpeedBudgetCalibration = "reference: rsqrt of the mean square and the closed-form backward, timed as Forward then Backward on float32 [8, 64, 128]; " +
            "the staged backward (through d mean(x²)) passes (1.33×); a C# loop over rows is TooSlow (218×)",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.functional.rms_norm", NormWhy),
            new ForbiddenApi("TorchSharp.torch.nn.RMSNorm", NormWhy),
            new ForbiddenApi("TorchSharp.Modules.RMSNorm", NormWhy),
            new ForbiddenApi("TorchSharp.torch.autograd", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.backward", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.grad", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.get_grad", AutogradWhy),
        ],
        EntryPoints = ["RmsNorm.Forward", "RmsNorm.Backward"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var forward = ContractBinder.StaticMethod<Func<Tensor, Tensor, double, Tensor>>(solution, "RmsNorm", "Forward", ForwardSignature);
        var backward = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, double, (Tensor, Tensor)>>(
            solution, "RmsNorm", "Backward", BackwardSignature);
        return c =>
        {
            var outputs = new Dictionary<string, Tensor>();
            double eps = c.Arg<double>("eps");
            if (c.Entry is "Forward" or BothEntries)
            {
                outputs["out"] = forward(c.Input("x"), c.Input("weight"), eps);
            }
            if (c.Entry is "Backward" or BothEntries)
            {
                var (dx, dweight) = backward(c.Input("dy"), c.Input("x"), c.Input("weight"), eps);
                outputs["grad.x"] = dx;
                outputs["grad.weight"] = dweight;
            }
            return outputs;
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            // forward float64, backward float64, forward float32, backward float32
            var dtype = i < 2 ? ScalarType.Float64 : ScalarType.Float32;
            string kind = dtype == ScalarType.Float64 ? "float64" : "float32";
            int leadingDims = rng.Next(0, 3);   // x is [D], [N, D] or [B, T, D]
            long[] shape = Enumerable.Range(0, leadingDims).Select(_ => (long)rng.Next(1, 7)).Append((long)rng.Next(1, 40)).ToArray();
            double eps = new[] { 1e-5, 1e-6 }[rng.Next(2)];
            double scale = new[] { 0.01, 1.0, 5.0 }[rng.Next(3)];
            var x = RandN(rng, dtype, shape).mul_(scale).add_(rng.NextDouble() * 2 - 1);
            var weight = RandN(rng, dtype, shape[^1]).mul_(0.5).add_(1);
            var args = new JsonObject { ["eps"] = eps };
            string what = $"random {kind} x [{string.Join(", ", shape)}] (scale {scale}), eps {eps}";
            if (i % 2 == 0)
            {
                yield return ExactReferenceCase($"random #{i + 1}", reference, new() { ["x"] = x, ["weight"] = weight },
                    args, dtype, entry: "Forward", note: $"Forward: {what} drawn for this grading");
                continue;
            }
            var dy = RandN(rng, dtype, shape);
            var grads = LossGradients.ThroughReference(reference, "Forward",
                new Dictionary<string, Tensor> { ["x"] = x, ["weight"] = weight }, args, dy, ["x", "weight"], inFloat64: true);
            yield return new KataCase($"random #{i + 1}", new Dictionary<string, Tensor> { ["dy"] = dy, ["x"] = x, ["weight"] = weight },
                args, grads)
            {
                Source = "random",
                Hidden = true,
                Entry = "Backward",
                Note = $"Backward: {what} and dy drawn for this grading, graded against autograd of the forward",
            };
        }
    }

    // Forward then Backward on float32 [B, T, D] = [8, 64, 128] (the dtype models train in): one reference call is
    // about a millisecond; a loop over the 512 rows costs ~512 × 15 tensor-op calls.
    public override KataCase TimingCase(Random rng) =>
        new("timing", new Dictionary<string, Tensor>
        {
            ["x"] = RandN(rng, ScalarType.Float32, 8, 64, 128).mul_(2).add_(0.5),
            ["weight"] = RandN(rng, ScalarType.Float32, 128).mul_(0.5).add_(1),
            ["dy"] = RandN(rng, ScalarType.Float32, 8, 64, 128),
        }, new JsonObject { ["eps"] = 1e-6 }, new Dictionary<string, Tensor>()) { Entry = BothEntries };
}
