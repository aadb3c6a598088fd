using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/grouped-query-attention: H query heads over G shared key/value heads, end-aligned causal mask.</summary>
public sealed class GroupedQueryAttentionGrader : KataGrader
{
    private const string Signature = "public static Tensor Forward(Tensor q, Tensor k, Tensor v, bool causal)";

    /// <summary>float64: a softmax-weighted average in another order differs by ~1e-15; as scaled-dot-product-attention.</summary>
    public static readonly Tolerance Float64Tolerance = new(1e-10, 1e-8);
    /// <summary>float32: expected values are exact rounded to float32; float32 scores over D ≤ 32 are within ~1e-6.</summary>
    public static readonly Tolerance Float32Tolerance = new(2e-5, 1e-4);

    /// <inheritdoc />
    public override KataSpec Spec { get; } = new()
    {
        Slug = "grouped-query-attention",
        Tolerance = Float64Tolerance,
        Float32Tolerance = Float32Tolerance,
        SpeedBudget = 3,
        SpeedBudgetCalibration = "reference: the R query heads of a group stacked along time, one batched matmul per group for " +
            "scores and one for values, K and V never repeated. Measured single-threaded on the timing case (2-core machine at " +
            "load average 15-26): the reference against itself 0.90x, the control RepeatInterleaveDense (Hugging Face's repeat_kv " +
            "and dense masked attention) 1.89x, spread 0.39-2.63 (the same two in torch 1.13, single-threaded: 1.04x); the loop " +
            "over heads and queries PerHeadPerQueryLoop is TooSlow at 19.6x",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.functional.scaled_dot_product_attention", "this kata is to write the attention yourself"),
            new ForbiddenApi("TorchSharp.torch.nn.MultiheadAttention", "this kata is to write the attention yourself"),
            new ForbiddenApi("TorchSharp.Modules.MultiheadAttention", "this kata is to write the attention yourself"),
        ],
        EntryPoints = ["GroupedQueryAttention.Forward"],
    };

    /// <inheritdoc />
    public override KataInvoker Bind(Assembly solution)
    {
        var f = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, bool, Tensor>>(solution, "GroupedQueryAttention", "Forward", Signature);
        return c => new Dictionary<string, Tensor> { ["out"] = f(c.Input("q"), c.Input("k"), c.Input("v"), c.Arg<bool>("causal")) };
    }

    /// <inheritdoc />
    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            int b = rng.Next(1, 3), g = rng.Next(1, 4), r = new[] { 1, 2, 4 }[rng.Next(3)], t = rng.Next(1, 10), d = rng.Next(1, 17);
            int s = t + (i < 2 ? 0 : rng.Next(1, 9));   // half the cases have a longer key sequence (a KV cache)
            bool causal = i != 3;
            var inputs = new Dictionary<string, Tensor>
            {
                ["q"] = RandN(rng, dtype, b, g * r, t, d),
                ["k"] = RandN(rng, dtype, b, g, s, d),
                ["v"] = RandN(rng, dtype, b, g, s, d),
            };
            yield return ExactReferenceCase($"random #{i + 1}", reference, inputs, new JsonObject { ["causal"] = causal }, dtype,
                note: $"random case drawn for this grading (B={b}, H={g * r}, G={g}, T={t}, S={s}, D={d}, causal={causal})");
        }
    }

    /// <summary>
    /// B = 1, H = 8, G = 2, T = S = 256, D = 32, causal, float32: two 8·256·256·32 matmuls, a reference call of a few ms
    /// on a quiet machine; a C# loop over heads and query positions pays its per-call overhead 2048 times.
    /// </summary>
    public override KataCase TimingCase(Random rng) =>
        new("timing", new Dictionary<string, Tensor>
        {
            ["q"] = RandN(rng, ScalarType.Float32, 1, 8, 256, 32),
            ["k"] = RandN(rng, ScalarType.Float32, 1, 2, 256, 32),
            ["v"] = RandN(rng, ScalarType.Float32, 1, 2, 256, 32),
        }, new JsonObject { ["causal"] = true }, new Dictionary<string, Tensor>());
}
