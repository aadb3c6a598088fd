using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/block-sparse-attention: the Sparse Transformer's causal "fixed" pattern (own block + summary positions)
/// in O(T·(l + c·T/l)·D), i.e. T^1.5 with l = √T.
/// </summary>
public sealed class BlockSparseAttentionGrader : KataGrader
{
    private const string Signature = "public static Tensor Fixed(Tensor q, Tensor k, Tensor v, long block, long summary)";

    /// <summary>float64: a softmax-weighted sum over at most T keys loses a few ulps per term.</summary>
    public static readonly Tolerance Float64Tolerance = new(1e-10, 1e-8);
    /// <summary>float32: expected values are exact (float64) rounded to float32; a float32 computation is ~1e-6 relative.</summary>
    public static readonly Tolerance Float32Tolerance = new(2e-5, 1e-4);

    /// <inheritdoc />
    public override KataSpec Spec { get; } = new()
    {
        Slug = "block-sparse-attention",
        Tolerance = Float64Tolerance,
        Float32Tolerance = Float32Tolerance,
        SpeedBudget = 3,
        SpeedBudgetCalibration = "single-threaded, on a heavily loaded 2-core machine (load average 16–20). This timing case (B=2 H=2 " +
            "T=256 D=32 l=16 c=8): the control BlockGather (index_select of each query block's key list, one masked matmul) 1.28×, the " +
            "dense masked mutant 1.72× (it must stay under the budget: the complexity check judges it), the per-query C# loop " +
            "(PerQueryLoop) 5.9× → TooSlow. With B·H = 8 first: BlockGather 1.39×, dense 1.25× and 1.33×, PerQueryLoop 4.9×",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.functional.scaled_dot_product_attention", "this kata is to write the attention yourself"),
            new ForbiddenApi("TorchSharp.torch.nn.MultiheadAttention", "this kata is to write the attention yourself"),
            new ForbiddenApi("TorchSharp.Modules.MultiheadAttention", "this kata is to write the attention yourself"),
        ],
        EntryPoints = ["BlockSparseAttention.Fixed"],
    };

    /// <inheritdoc />
    public override ComplexitySpec Complexity { get; } = new()
    {
        Parameter = "T",
        // l = round(√T) grows with T (23, 32, 45, 64) and c = 2 stays: the pattern's work grows as T^1.5, a dense
        // masked T×T computation's as T². B = H = 1 and T ≤ 4096 keep the dense mutant's probe to about a second.
        // A solution fails only when its slope is above MaxSlope AND more than 0.5 above the reference's (measured in
        // the same probe). Measured on a heavily loaded 2-core machine (load average 16–20), so the numbers are noisy:
        // DenseMasked 2.44 / 2.65 / 2.07 (the reference in the same probes 0.88 / 0.96 / 0.97) → WrongComplexity each
        // time; the reference against itself 1.70 (ref 1.36); the BlockGather control 2.16 (ref 1.91) and 2.10 (ref
        // 2.17) → Passed through the 0.5-above-the-reference rule. CPU-time slopes of the same algorithm in PyTorch
        // 1.13 at T = 1024…8192: reference 1.40–1.45, dense 2.09–2.36.
        Sizes = [512, 1024, 2048, 4096],
        MaxSlope = 1.7,
        Expected = "O(T·(l + c·T/l)·D) with l = round(√T) and c fixed: T^1.5",
        MakeCase = (t, rng) => Case("complexity", rng, 1, 1, t, 32, (long)Math.Round(Math.Sqrt(t)), 2, ScalarType.Float32),
    };

    /// <inheritdoc />
    public override KataInvoker Bind(Assembly solution)
    {
        var f = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, long, long, Tensor>>(solution, "BlockSparseAttention", "Fixed", Signature);
        return c => new Dictionary<string, Tensor>
        {
            ["out"] = f(c.Input("q"), c.Input("k"), c.Input("v"), c.Arg<long>("block"), c.Arg<long>("summary")),
        };
    }

    /// <inheritdoc />
    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            long t = rng.Next(1, 90), block = rng.Next(1, 13), summary = rng.Next(1, (int)block + 1);
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            var c = Case($"random #{i + 1}", rng, rng.Next(1, 3), rng.Next(1, 4), t, rng.Next(1, 17), block, summary, dtype);
            // Expected values of float32 cases: exact (float64) attention rounded to float32, as in the golden cases.
            yield return ExactReferenceCase(c.Name, reference, c.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value), c.Args, dtype,
                note: $"random inputs drawn for this grading: T={t}, block={block}, summary={summary}");
        }
    }

    // T = 256 with l = 16 and c = 8: the pattern keeps about half the causal keys, so a dense masked solution does about
    // the reference's work here and is judged by the complexity check alone (WrongComplexity, as the statement says),
    // not by the speed budget. B·H = 4 keeps a reference call at a few ms while a C# loop over the 256 queries pays
    // its per-call overhead 256 times (TooSlow).
    /// <inheritdoc />
    public override KataCase TimingCase(Random rng) => Case("timing", rng, 2, 2, 256, 32, 16, 8, ScalarType.Float32);

    private static KataCase Case(string name, Random rng, long b, long h, long t, long d, long block, long summary, ScalarType dtype) =>
        new(name, new Dictionary<string, Tensor>
        {
            ["q"] = RandN(rng, dtype, b, h, t, d),
            ["k"] = RandN(rng, dtype, b, h, t, d),
            ["v"] = RandN(rng, dtype, b, h, t, d),
        }, new JsonObject { ["block"] = block, ["summary"] = summary }, new Dictionary<string, Tensor>());
}
