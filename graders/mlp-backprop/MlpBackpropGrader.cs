using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/mlp-backprop: a two-layer MLP's mean cross-entropy loss and its hand-derived gradients, against PyTorch
/// autograd (golden cases) and TorchSharp autograd of a forward written here (random cases). A gradient out of
/// tolerance is WrongGradient.
/// </summary>
public sealed class MlpBackpropGrader : KataGrader
{
    private const string Signature = "public static (Tensor Loss, Tensor DX, Tensor DW1, Tensor DB1, Tensor DW2, Tensor DB2) " +
        "LossAndGradients(Tensor x, Tensor labels, Tensor w1, Tensor b1, Tensor w2, Tensor b2)";
    private const string LossWhy = "the loss is part of this kata: write the log-softmax and the mean yourself";
    private const string AutogradWhy = "the gradients are to be derived by hand; autograd is what grades them";
    private static readonly string[] Parameters = ["x", "w1", "b1", "w2", "b2"];

    /// <summary>
    /// float64: a few matmuls and a log-sum-exp, exact to ~1e-15 relative; 1e-9 absorbs summation order, also on the case
    /// with logits of ~1e3 (loss ~300), while every wrong-gradient mutant is off by O(1/N) or more.
    /// </summary>
    public static readonly Tolerance Float64Tolerance = new(1e-9, 1e-9);
    /// <summary>float32: expected values are exact answers rounded to float32; a float32 computation is good to ~1e-6 relative.</summary>
    public static readonly Tolerance Float32Tolerance = new(1e-5, 1e-4);

    public override KataSpec Spec { get; } = new()
    {
        Slug = "mlp-backprop",
        Tolerance = Float64Tolerance,
        Float32Tolerance = Float32Tolerance,
        // Calibrated on tests/MlKatas.Tests/Mutants/mlp-backprop on the shared 2-core machine under load ~12 (libtorch
        // single-threaded): the einsum/log_softmax/torch.where control measured 2.2× (pairs up to 2.9×: einsum's permutes
        // and the extra zeros tensors are real work at this size), so 3× would fail it now and then; a C# loop over
        // samples measured 18× (pairs from 13×).
        SpeedBudget = 5,
        SpeedBudgetCalibration = "reference: addmm forward, stable log-softmax, the closed-form backward as six matmuls, on float32 " +
            "N = 256, D = 128, H = 256, C = 10; einsum + log_softmax + torch.where passes (2.2×); a C# loop over samples is TooSlow (18×)",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.functional.cross_entropy", LossWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.nll_loss", LossWhy),
            new ForbiddenApi("TorchSharp.torch.nn.CrossEntropyLoss", LossWhy),
            new ForbiddenApi("TorchSharp.torch.nn.NLLLoss", LossWhy),
            new ForbiddenApi("TorchSharp.Modules.CrossEntropyLoss", LossWhy),
            new ForbiddenApi("TorchSharp.Modules.NLLLoss", LossWhy),
            new ForbiddenApi("TorchSharp.torch.autograd", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.backward", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.grad", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.get_grad", AutogradWhy),
        ],
        EntryPoints = ["MlpBackprop.LossAndGradients"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var f = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, (Tensor, Tensor, Tensor, Tensor, Tensor, Tensor)>>(
            solution, "MlpBackprop", "LossAndGradients", Signature);
        return c =>
        {
            var (loss, dx, dw1, db1, dw2, db2) = f(c.Input("x"), c.Input("labels"), c.Input("w1"), c.Input("b1"), c.Input("w2"), c.Input("b2"));
            return new Dictionary<string, Tensor>
            {
                ["out.loss"] = loss,
                ["grad.x"] = dx,
                ["grad.w1"] = dw1,
                ["grad.b1"] = db1,
                ["grad.w2"] = dw2,
                ["grad.b2"] = db2,
            };
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            long n = rng.Next(1, 40), d = rng.Next(1, 12), h = rng.Next(1, 20), c = rng.Next(1, 9);
            var inputs = new Dictionary<string, Tensor>
            {
                ["x"] = RandN(rng, dtype, n, d),
                ["labels"] = torch.randint(0, c, [n], generator: new Generator((ulong)rng.NextInt64(1, long.MaxValue))),
                ["w1"] = RandN(rng, dtype, h, d).div_(Math.Sqrt(d)),
                ["b1"] = RandN(rng, dtype, h).mul_(0.1),
                ["w2"] = RandN(rng, dtype, c, h).mul_(2 / Math.Sqrt(h)),
                ["b2"] = RandN(rng, dtype, c).mul_(0.1),
            };
            yield return new KataCase($"random #{i + 1}", inputs, new JsonObject(), AutogradExpected(inputs, dtype))
            {
                Source = "random",
                Hidden = true,
                Note = $"random {(dtype == ScalarType.Float64 ? "float64" : "float32")} network and batch drawn for this grading " +
                       $"(N = {n}, D = {d}, H = {h}, C = {c}), graded against autograd",
            };
        }
    }

    /// <summary>
    /// The loss and its gradients by TorchSharp autograd of the forward written plainly here (not the reference's
    /// backward, which these cases check too), on float64 copies, rounded to <paramref name="dtype"/>.
    /// </summary>
    private static Dictionary<string, Tensor> AutogradExpected(Dictionary<string, Tensor> inputs, ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        using var enabled = LossGradients.EnableGrad();
        var leaves = Parameters.ToDictionary(p => p, p => inputs[p].detach().to_type(ScalarType.Float64).requires_grad_(true));
        var hidden = torch.nn.functional.relu(torch.nn.functional.linear(leaves["x"], leaves["w1"], leaves["b1"]));
        var logits = torch.nn.functional.linear(hidden, leaves["w2"], leaves["b2"]);
        var loss = torch.nn.functional.cross_entropy(logits, inputs["labels"]);
        var expected = new Dictionary<string, Tensor>();
        LossGradients.Add(expected, loss, leaves, Parameters);
        expected["out.loss"] = loss.detach();
        return expected.ToDictionary(kv => kv.Key, kv => kv.Value.to_type(dtype).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// float32 N = 256, D = 128, H = 256, C = 10: ~50 MFLOP of matmuls, a few ms for the reference single-threaded; a
    /// C# loop over the 256 samples makes thousands of tensor calls.
    /// </summary>
    public override KataCase TimingCase(Random rng) =>
        new("timing", new Dictionary<string, Tensor>
        {
            ["x"] = RandN(rng, ScalarType.Float32, 256, 128),
            ["labels"] = torch.randint(0, 10, [256], generator: new Generator((ulong)rng.NextInt64(1, long.MaxValue))),
            ["w1"] = RandN(rng, ScalarType.Float32, 256, 128).div_(Math.Sqrt(128)),
            ["b1"] = RandN(rng, ScalarType.Float32, 256).mul_(0.1),
            ["w2"] = RandN(rng, ScalarType.Float32, 10, 256).div_(16),
            ["b2"] = RandN(rng, ScalarType.Float32, 10).mul_(0.1),
        }, new JsonObject(), new Dictionary<string, Tensor>());
}
