using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/kv-cache-decoding. A case holds whole sequences q, k, v [B, H, T, D] and the sizes of the chunks they
/// arrive in (a prefill, then decoding steps, or a chunked prefill); the invoker starts from empty caches and calls Step
/// once per chunk, threading the caches it returns. The outputs of all steps, concatenated, must equal full causal
/// attention over the T tokens (<c>out</c>), and the final caches must be k and v (<c>out.kCache</c>, <c>out.vCache</c>).
/// </summary>
public sealed class KvCacheDecodingGrader : KataGrader
{
    private const string Signature =
        "public static (Tensor Output, Tensor KCache, Tensor VCache) Step(Tensor kCache, Tensor vCache, Tensor q, Tensor k, Tensor v)";

    /// <summary>float64: a softmax-weighted average in another order differs by ~1e-15; as scaled-dot-product-attention.</summary>
    public static readonly Tolerance Float64Tolerance = new(1e-10, 1e-8);
    /// <summary>float32: expected values are exact rounded to float32; float32 attention over D ≤ 32 is within ~1e-6.</summary>
    public static readonly Tolerance Float32Tolerance = new(2e-5, 1e-4);

    /// <inheritdoc />
    public override KataSpec Spec { get; } = new()
    {
        Slug = "kv-cache-decoding",
        Tolerance = Float64Tolerance,
        Float32Tolerance = Float32Tolerance,
        SpeedBudget = 3,
        SpeedBudgetCalibration = "reference: per step two cats, one matmul for scores, a mask only when n > 1, one matmul for " +
            "values; timed on a 192-token prefill and 64 decoding steps. Measured single-threaded (2-core machine at load " +
            "average 15-26): the reference against itself 1.29x, the control EinsumAdditiveMask (einsum, an additive mask on " +
            "every step) 1.33x; the loop over heads and new tokens PerHeadPerTokenLoop is TooSlow at 7.4x",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.functional.scaled_dot_product_attention", "this kata is to write the attention yourself"),
            new ForbiddenApi("TorchSharp.torch.nn.MultiheadAttention", "this kata is to write the attention yourself"),
            new ForbiddenApi("TorchSharp.Modules.MultiheadAttention", "this kata is to write the attention yourself"),
        ],
        EntryPoints = ["KvCacheDecoding.Step"],
    };

    /// <inheritdoc />
    public override KataInvoker Bind(Assembly solution)
    {
        var step = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor, Tensor, (Tensor, Tensor, Tensor)>>(
            solution, "KvCacheDecoding", "Step", Signature);
        return c =>
        {
            Tensor q = c.Input("q"), k = c.Input("k"), v = c.Input("v");
            long[] chunks = c.Input("chunks").data<long>().ToArray();
            long b = q.shape[0], h = q.shape[1], d = q.shape[3];
            var kCache = torch.empty(b, h, 0, d, dtype: q.dtype);
            var vCache = torch.empty(b, h, 0, d, dtype: q.dtype);
            var outputs = new List<Tensor>();
            long start = 0;
            foreach (long n in chunks)
            {
                (var output, kCache, vCache) = step(kCache, vCache, q.narrow(2, start, n), k.narrow(2, start, n), v.narrow(2, start, n));
                outputs.Add(output);
                start += n;
            }
            return new Dictionary<string, Tensor>
            {
                ["out"] = torch.cat(outputs, 2),
                ["out.kCache"] = kCache,
                ["out.vCache"] = vCache,
            };
        };
    }

    /// <inheritdoc />
    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            int b = rng.Next(1, 3), h = rng.Next(1, 4), d = rng.Next(1, 17);
            // A prefill of 1–8 tokens, then 1–6 more chunks: decoding steps (n = 1), or, in every other case, chunks of 1–3.
            var chunks = new List<long> { rng.Next(1, 9) };
            int more = rng.Next(1, 7);
            for (int j = 0; j < more; j++)
            {
                chunks.Add(i % 2 == 0 ? 1 : rng.Next(1, 4));
            }
            long t = chunks.Sum();
            var inputs = new Dictionary<string, Tensor>
            {
                ["q"] = RandN(rng, dtype, b, h, t, d),
                ["k"] = RandN(rng, dtype, b, h, t, d),
                ["v"] = RandN(rng, dtype, b, h, t, d),
                ["chunks"] = torch.tensor(chunks.ToArray()),
            };
            yield return ExactReferenceCase($"random #{i + 1}", reference, inputs, new JsonObject(), dtype,
                note: $"random case drawn for this grading (B={b}, H={h}, D={d}, chunks {string.Join(", ", chunks)})");
        }
    }

    /// <summary>
    /// B = 1, H = 4, D = 32, float32: a prefill of 192 tokens then 64 decoding steps, 65 calls whose reference cost is mostly
    /// per-call overhead (as in a real decoder); a loop over heads and new tokens inside Step makes 1024 small calls instead.
    /// </summary>
    public override KataCase TimingCase(Random rng) =>
        new("timing", new Dictionary<string, Tensor>
        {
            ["q"] = RandN(rng, ScalarType.Float32, 1, 4, 256, 32),
            ["k"] = RandN(rng, ScalarType.Float32, 1, 4, 256, 32),
            ["v"] = RandN(rng, ScalarType.Float32, 1, 4, 256, 32),
            ["chunks"] = torch.tensor(new long[] { 192 }.Concat(Enumerable.Repeat(1L, 64)).ToArray()),
        }, new JsonObject(), new Dictionary<string, Tensor>());
}
