using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/scaled-dot-product-attention: masked attention (causal, key padding, fully masked rows = 0).</summary>
public sealed class ScaledDotProductAttentionGrader : KataGrader
{
    private const string Signature = "public static Tensor Forward(Tensor q, Tensor k, Tensor v, Tensor keyPaddingMask, bool causal)";

    /// <summary>float64: a softmax-weighted sum over at most Tk keys loses a few ulps per term.</summary>
    public static readonly Tolerance Float64Tolerance = new(1e-10, 1e-8);
    /// <summary>float32: expected values are exact (float64) rounded to float32; a float32 computation is ~1e-6 relative.</summary>
    public static readonly Tolerance Float32Tolerance = new(2e-5, 1e-4);

    public override KataSpec Spec { get; } = new()
    {
        Slug = "scaled-dot-product-attention",
        Tolerance = Float64Tolerance,
        Float32Tolerance = Float32Tolerance,
        // Measured on the timing case (2-core machine under heavy load from other builds, so spreads are wide): the
        // reference against itself 0.98×, the controls AdditiveBias 1.19× and PerHeadLoop 1.39×, the per-query-row
        // loop 46.9×. 3× leaves room for a plainly written batched solution and none for a loop over rows.
        SpeedBudget = 3,
        SpeedBudgetCalibration = "reference: one batched matmul, masked_fill −inf, softmax, masked_fill 0, matmul; " +
            "controls (a C# loop over the B·H heads, 1.4×; an additive −inf bias with a hand-written softmax, 1.2×) pass; " +
            "a C# loop over query rows is TooSlow (47×)",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.functional.scaled_dot_product_attention", "this kata is to write the attention yourself"),
            new ForbiddenApi("TorchSharp.torch.nn.MultiheadAttention", "this kata is to write the attention yourself"),
            new ForbiddenApi("TorchSharp.Modules.MultiheadAttention", "this kata is to write the attention yourself"),
        ],
        EntryPoints = ["ScaledDotProductAttention.Forward"],
    };


    public override KataInvoker Bind(Assembly solution)
    {
        var f = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor, bool, Tensor>>(
            solution, "ScaledDotProductAttention", "Forward", Signature);
        return c => new Dictionary<string, Tensor>
        {
            ["out"] = f(c.Input("q"), c.Input("k"), c.Input("v"), c.Input("keyPaddingMask"), c.Arg<bool>("causal")),
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            long b = rng.Next(1, 4), tq = rng.Next(1, 40), tk = rng.Next(1, 40);
            bool causal = rng.Next(2) == 0;
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            // Each batch keeps a random number of real keys (sometimes none); half the draws pad on the left.
            var lengths = Enumerable.Range(0, (int)b).Select(_ => (long)rng.Next(0, (int)tk + 1)).ToArray();
            var c = Case($"random #{i + 1}", rng, b, rng.Next(1, 4), tq, tk, rng.Next(1, 17), rng.Next(1, 17),
                lengths, leftPadding: rng.Next(2) == 0, causal, dtype);
            // Expected values of float32 cases: exact (float64) attention rounded to float32, as in the golden cases.
            yield return ExactReferenceCase(c.Name, reference, c.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value), c.Args, dtype,
                note: $"random inputs drawn for this grading (causal = {(causal ? "true" : "false")}, real keys per batch: {string.Join(", ", lengths)})");
        }
    }

    // One batch of 2 heads, T = 256, D = 128, float32, causal with padding: the reference is one ~67 Mflop batched
    // computation (a few ms), while a C# loop over the B·H·Tq = 512 query rows stays under a second per call, so the
    // TooSlow mutant is caught quickly and the self-tests stay short.
    public override KataCase TimingCase(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Case("timing", rng, 1, 2, 256, 256, 128, 128, [200], leftPadding: false, causal: true, ScalarType.Float32);
    }

    private static KataCase Case(string name, Random rng, long b, long h, long tq, long tk, long d, long dv,
        long[] lengths, bool leftPadding, bool causal, ScalarType dtype)
    {
        var padding = PaddingMask(tk, lengths, leftPadding);
        return new(name, new Dictionary<string, Tensor>
        {
            ["q"] = RandN(rng, dtype, b, h, tq, d),
            ["k"] = RandN(rng, dtype, b, h, tk, d),
            ["v"] = RandN(rng, dtype, b, h, tk, dv),
            ["keyPaddingMask"] = padding,
        }, new JsonObject { ["causal"] = causal }, new Dictionary<string, Tensor>());
    }

    /// <summary>[B,Tk] bool, true = padding: key j of batch b is real for the last (left padding) or first lengths[b] positions.</summary>
    private static Tensor PaddingMask(long tk, long[] lengths, bool leftPadding)
    {
        using var scope = NewDisposeScope();
        var position = torch.arange(tk).unsqueeze(0);                                  // [1,Tk]
        var real = torch.tensor(lengths).unsqueeze(1);                                 // [B,1]
        var padding = leftPadding ? position.lt(tk - real) : position.ge(real);        // [B,Tk]
        return padding.MoveToOuterDisposeScope();
    }
}
