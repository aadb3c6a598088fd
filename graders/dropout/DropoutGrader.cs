using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/dropout: inverted dropout whose mask comes from a given uniform tensor (u ≥ p kept), against PyTorch
/// (golden cases) and the reference (random cases); the backward's <c>grad.x</c> out of tolerance is WrongGradient.
/// </summary>
public sealed class DropoutGrader : KataGrader
{
    private const string ForwardSignature = "public static Tensor Forward(Tensor x, Tensor u, double p, bool training)";
    private const string BackwardSignature = "public static Tensor Backward(Tensor dy, Tensor u, double p, bool training)";
    private const string BothEntries = "Forward+Backward";
    private const string DropoutWhy = "this kata is to write dropout yourself (and its mask must come from u, not from torch's generator)";
    private const string AutogradWhy = "Backward is to be derived by hand; autograd is what grades it";

    /// <summary>The drop probabilities of random cases: exactly representable in float32, so u ≥ p means the same in either precision.</summary>
    private static readonly double[] RandomPs = [0.0, 0.125, 0.25, 0.5, 0.75, 0.875, 1.0];

    public override KataSpec Spec { get; } = new()
    {
        Slug = "dropout",
        // The mask is exact and the answer is one product per element: float64 x·(1/(1 − p)) and x/(1 − p) differ by
        // at most an ulp (2.2e-16 relative). A missing scale is off by p/(1 − p) ≥ 1e-1 here, a wrong mask by |x|.
        Tolerance = new Tolerance(1e-12, 1e-12),
        // float32: expected values are exact answers rounded to float32; a float32 product with a rounded scale is
        // within 2 ulp (1.2e-7 relative).
        Float32Tolerance = new Tolerance(1e-6, 1e-6),
        // Calibrated on tests/MlKatas.Tests/Mutants/dropout on the shared 2-core machine under load ~20-25 (libtorch
        // single-threaded): the scaled-mask control measured 1.28× (pairs 1.01–1.68×); torch.where(u.ge(p), x·scale,
        // zeros_like(x)) — also what a strong candidate writes — 2.76× (pairs 2.04–5.79×: two more passes over 4 MB);
        // a C# loop over rows 14.5× (pairs from 8.6×). 4× lets the torch.where form pass.
        SpeedBudget = 4,
        SpeedBudgetCalibration = "reference: t·(u ≥ p)·(1/(1 − p)), timed as Forward then Backward on float32 [32, 64, 512] with p = 0.25; " +
            "the scaled-mask control passes (1.28×), torch.where with zeros_like too (2.76×); a C# loop over rows is TooSlow (14.5×)",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.functional.dropout", DropoutWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.dropout1d", DropoutWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.dropout2d", DropoutWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.dropout3d", DropoutWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.alpha_dropout", DropoutWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.feature_alpha_dropout", DropoutWhy),
            new ForbiddenApi("TorchSharp.torch.nn.Dropout", DropoutWhy),
            new ForbiddenApi("TorchSharp.torch.nn.Dropout1d", DropoutWhy),
            new ForbiddenApi("TorchSharp.torch.nn.Dropout2d", DropoutWhy),
            new ForbiddenApi("TorchSharp.torch.nn.Dropout3d", DropoutWhy),
            new ForbiddenApi("TorchSharp.Modules.Dropout", DropoutWhy),
            new ForbiddenApi("TorchSharp.Modules.Dropout1d", DropoutWhy),
            new ForbiddenApi("TorchSharp.Modules.Dropout2d", DropoutWhy),
            new ForbiddenApi("TorchSharp.Modules.Dropout3d", DropoutWhy),
            new ForbiddenApi("TorchSharp.torch.autograd", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.backward", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.grad", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.get_grad", AutogradWhy),
        ],
        EntryPoints = ["Dropout.Forward", "Dropout.Backward"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var forward = ContractBinder.StaticMethod<Func<Tensor, Tensor, double, bool, Tensor>>(solution, "Dropout", "Forward", ForwardSignature);
        var backward = ContractBinder.StaticMethod<Func<Tensor, Tensor, double, bool, Tensor>>(solution, "Dropout", "Backward", BackwardSignature);
        return c =>
        {
            var outputs = new Dictionary<string, Tensor>();
            double p = c.Arg<double>("p");
            bool training = c.Arg<bool>("training");
            if (c.Entry is "Forward" or BothEntries)
            {
                outputs["out"] = forward(c.Input("x"), c.Input("u"), p, training);
            }
            if (c.Entry is "Backward" or BothEntries)
            {
                outputs["grad.x"] = backward(c.Input("dy"), c.Input("u"), p, training);
            }
            return outputs;
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            var dtype = i < 2 ? ScalarType.Float64 : ScalarType.Float32;
            string kind = dtype == ScalarType.Float64 ? "float64" : "float32";
            long[] shape = Enumerable.Range(0, rng.Next(1, 4)).Select(_ => (long)rng.Next(1, 9)).ToArray();
            double p = RandomPs[rng.Next(RandomPs.Length)];
            bool training = rng.Next(4) != 0;
            var args = new JsonObject { ["p"] = p, ["training"] = training };
            var u = Rand(rng, dtype, shape);
            string what = $"random {kind} [{string.Join(", ", shape)}], {(training ? "training" : "eval")}, p = {p}";
            if (i % 2 == 0)
            {
                var x = RandN(rng, dtype, shape);
                yield return ExactReferenceCase($"random #{i + 1}", reference, new() { ["x"] = x, ["u"] = u }, args, dtype,
                    entry: "Forward", note: $"Forward: {what}, drawn for this grading");
                continue;
            }
            var dy = RandN(rng, dtype, shape);
            // x's values do not matter (the map is linear in x); ones of the case's dtype make the leaf.
            using var ones = torch.ones(u.shape, dtype: dtype);
            var grad = LossGradients.ThroughReference(reference, "Forward",
                new Dictionary<string, Tensor> { ["x"] = ones, ["u"] = u }, args, dy, ["x"], inFloat64: true)["grad.x"];
            yield return new KataCase($"random #{i + 1}", new Dictionary<string, Tensor> { ["dy"] = dy, ["u"] = u }, args,
                new Dictionary<string, Tensor> { ["grad.x"] = grad })
            {
                Source = "random",
                Hidden = true,
                Entry = "Backward",
                Note = $"Backward: {what}, dy drawn for this grading, graded against autograd of the forward",
            };
        }
    }

    // Forward then Backward on float32 [32, 64, 512] (1M elements, p = 0.25): a reference call is a few passes over
    // 4 MB, a few milliseconds; a C# loop over the 2048 rows costs ~2048 × 6 tensor-op calls.
    public override KataCase TimingCase(Random rng) =>
        new("timing", new Dictionary<string, Tensor>
        {
            ["x"] = RandN(rng, ScalarType.Float32, 32, 64, 512),
            ["u"] = Rand(rng, ScalarType.Float32, 32, 64, 512),
            ["dy"] = RandN(rng, ScalarType.Float32, 32, 64, 512),
        }, new JsonObject { ["p"] = 0.25, ["training"] = true }, new Dictionary<string, Tensor>()) { Entry = BothEntries };
}
