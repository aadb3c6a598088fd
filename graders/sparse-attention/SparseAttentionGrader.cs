using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/sparse-attention: causal sliding-window attention in O(T·window·D).</summary>
public sealed class SparseAttentionGrader : KataGrader
{
    private const string Signature = "public static Tensor SlidingWindow(Tensor q, Tensor k, Tensor v, long window)";

    /// <summary>float64: a softmax-weighted sum over at most T keys loses a few ulps per term.</summary>
    public static readonly Tolerance Float64Tolerance = new(1e-10, 1e-8);
    /// <summary>float32: expected values are exact (float64) rounded to float32; a float32 computation is ~1e-6 relative.</summary>
    public static readonly Tolerance Float32Tolerance = new(2e-5, 1e-4);

    public override KataSpec Spec { get; } = new()
    {
        Slug = "sparse-attention",
        Tolerance = Float64Tolerance,
        Float32Tolerance = Float32Tolerance,
        SpeedBudget = 3,
        SpeedBudgetCalibration = "reference: blocked attention (each block of queries against its own and the previous key block); a gather/unfold of each query's window also passes",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.functional.scaled_dot_product_attention", "this kata is to write the attention yourself"),
            new ForbiddenApi("TorchSharp.torch.nn.MultiheadAttention", "this kata is to write the attention yourself"),
            new ForbiddenApi("TorchSharp.Modules.MultiheadAttention", "this kata is to write the attention yourself"),
        ],
        EntryPoints = ["SparseAttention.SlidingWindow"],
    };

    public override ComplexitySpec Complexity { get; } = new()
    {
        Parameter = "T",
        Sizes = [512, 1024, 2048, 4096],
        // Linear growth has slope ≈ 1 and a dense T×T implementation ≈ 2 at these sizes; 1.4 separates them with
        // room for timing noise (measured slopes are in the kata's notes).
        MaxSlope = 1.4,
        Expected = "O(T·window·D): linear in T at a fixed window",
        MakeCase = (t, rng) => Case("complexity", rng, 1, 4, t, 32, 32, ScalarType.Float32),
    };


    public override KataInvoker Bind(Assembly solution)
    {
        var f = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, long, Tensor>>(solution, "SparseAttention", "SlidingWindow", Signature);
        return c => new Dictionary<string, Tensor>
        {
            ["out"] = f(c.Input("q"), c.Input("k"), c.Input("v"), c.Arg<long>("window")),
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            long t = rng.Next(1, 90), window = rng.Next(1, (int)t + 4);
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            var c = Case($"random #{i + 1}", rng, rng.Next(1, 3), rng.Next(1, 4), t, rng.Next(1, 17), window, dtype);
            // Expected values of float32 cases: exact (float64) attention rounded to float32, as in the golden cases.
            yield return ExactReferenceCase(c.Name, reference, c.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value), c.Args, dtype,
                note: "random inputs drawn for this grading");
        }
    }

    // T = 2·window: here a banded and a dense computation do about the same work, so the speed budget measures
    // constant-factor efficiency and the complexity check alone judges growth (a dense solution is WrongComplexity,
    // as the statement says, not TooSlow).
    // B·H = 32: at B·H = 8 a call took a few ms and the reference against itself reached 2.97× of the 3× budget once
    // in 100 runs; a longer call gives a stabler ratio.
    public override KataCase TimingCase(Random rng) => Case("timing", rng, 4, 8, 256, 64, 128, ScalarType.Float32);

    private static KataCase Case(string name, Random rng, long b, long h, long t, long d, long window, ScalarType dtype) =>
        new(name, new Dictionary<string, Tensor>
        {
            ["q"] = RandN(rng, dtype, b, h, t, d),
            ["k"] = RandN(rng, dtype, b, h, t, d),
            ["v"] = RandN(rng, dtype, b, h, t, d),
        }, new JsonObject { ["window"] = window }, new Dictionary<string, Tensor>());
}
