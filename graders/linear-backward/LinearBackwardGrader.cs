using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/linear-backward: dX, dW and db of Y = X·Wᵀ + b for any number of leading dims, against PyTorch autograd
/// (golden cases) and TorchSharp autograd of F.linear (random cases). A gradient out of tolerance is WrongGradient.
/// </summary>
public sealed class LinearBackwardGrader : KataGrader
{
    private const string Signature = "public static (Tensor DX, Tensor DW, Tensor DB) Backward(Tensor dy, Tensor x, Tensor w)";
    private const string AutogradWhy = "the gradients are to be derived by hand; autograd is what grades them";

    /// <summary>float64: sums of products over the flattened batch; 1e-9 absorbs any summation order.</summary>
    public static readonly Tolerance Float64Tolerance = new(1e-9, 1e-9);
    /// <summary>float32: expected values are exact answers rounded to float32; float32 sums of ≤ 200 unit terms are good to ~1e-5.</summary>
    public static readonly Tolerance Float32Tolerance = new(1e-4, 1e-4);

    public override KataSpec Spec { get; } = new()
    {
        Slug = "linear-backward",
        Tolerance = Float64Tolerance,
        Float32Tolerance = Float32Tolerance,
        // Calibrated on tests/MlKatas.Tests/Mutants/linear-backward on the shared 2-core machine under load ~10 (libtorch
        // single-threaded): the einsum control measured 1.0× (pairs up to 1.24×), a C# loop over rows 21× (pairs from
        // 11×). 4× rather than 3× because a reference call is only ~5 ms, where a descheduled pair weighs more.
        SpeedBudget = 4,
        SpeedBudgetCalibration = "reference: dY·W, dYᵀ·X and a sum on the flattened rows, float32 x [8, 64, 128], w [128, 128]; " +
            "einsum over the leading dims passes (1.0×); a C# loop over rows is TooSlow (21×)",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.autograd", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.backward", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.grad", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.get_grad", AutogradWhy),
        ],
        EntryPoints = ["LinearBackward.Backward"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var f = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, (Tensor, Tensor, Tensor)>>(solution, "LinearBackward", "Backward", Signature);
        return c =>
        {
            var (dx, dw, db) = f(c.Input("dy"), c.Input("x"), c.Input("w"));
            return new Dictionary<string, Tensor> { ["grad.x"] = dx, ["grad.w"] = dw, ["grad.b"] = db };
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            long inF = rng.Next(1, 12), outF = rng.Next(1, 12);
            long[] lead = Enumerable.Range(0, rng.Next(0, 4)).Select(_ => (long)rng.Next(1, 6)).ToArray();
            var inputs = new Dictionary<string, Tensor>
            {
                ["dy"] = RandN(rng, dtype, [.. lead, outF]),
                ["x"] = RandN(rng, dtype, [.. lead, inF]),
                ["w"] = RandN(rng, dtype, outF, inF),
            };
            yield return new KataCase($"random #{i + 1}", inputs, new JsonObject(), AutogradExpected(inputs, dtype))
            {
                Source = "random",
                Hidden = true,
                Note = $"random {(dtype == ScalarType.Float64 ? "float64" : "float32")} x [{string.Join(", ", lead.Append(inF))}], " +
                       $"w [{outF}, {inF}] drawn for this grading, graded against autograd",
            };
        }
    }

    /// <summary>∂(Σ dy · linear(x, w, b))/∂(x, w, b) by TorchSharp autograd on float64 copies, rounded to <paramref name="dtype"/>.</summary>
    private static Dictionary<string, Tensor> AutogradExpected(Dictionary<string, Tensor> inputs, ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        using var enabled = LossGradients.EnableGrad();
        var leaves = new Dictionary<string, Tensor>
        {
            ["x"] = inputs["x"].detach().to_type(ScalarType.Float64).requires_grad_(true),
            ["w"] = inputs["w"].detach().to_type(ScalarType.Float64).requires_grad_(true),
            ["b"] = torch.zeros(inputs["w"].shape[0], dtype: ScalarType.Float64).requires_grad_(true),
        };
        var y = torch.nn.functional.linear(leaves["x"], leaves["w"], leaves["b"]);
        var expected = new Dictionary<string, Tensor>();
        LossGradients.Add(expected, y.mul(inputs["dy"].to_type(ScalarType.Float64)).sum(), leaves, "x", "w", "b");
        return expected.ToDictionary(kv => kv.Key, kv => kv.Value.to_type(dtype).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// float32 x [8, 64, 128], w [128, 128]: three matmuls of ~2 MFLOP each, well under a millisecond of arithmetic; a C#
    /// loop over the 512 rows makes thousands of tensor calls.
    /// </summary>
    public override KataCase TimingCase(Random rng) =>
        new("timing", new Dictionary<string, Tensor>
        {
            ["dy"] = RandN(rng, ScalarType.Float32, 8, 64, 128),
            ["x"] = RandN(rng, ScalarType.Float32, 8, 64, 128),
            ["w"] = RandN(rng, ScalarType.Float32, 128, 128),
        }, new JsonObject(), new Dictionary<string, Tensor>());
}
