using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/global-local-attention: Longformer's two-sided sliding window plus global tokens (attending and attended
/// everywhere) in O(T·(2w + 1 + G)·D), linear in T at a fixed window and number of globals.
/// </summary>
public sealed class GlobalLocalAttentionGrader : KataGrader
{
    private const string Signature = "public static Tensor Attend(Tensor q, Tensor k, Tensor v, long window, Tensor globals)";

    /// <summary>float64: a softmax-weighted sum over at most T keys loses a few ulps per term.</summary>
    public static readonly Tolerance Float64Tolerance = new(1e-10, 1e-8);
    /// <summary>float32: expected values are exact (float64) rounded to float32; a float32 computation is ~1e-6 relative.</summary>
    public static readonly Tolerance Float32Tolerance = new(2e-5, 1e-4);

    /// <inheritdoc />
    public override KataSpec Spec { get; } = new()
    {
        Slug = "global-local-attention",
        Tolerance = Float64Tolerance,
        Float32Tolerance = Float32Tolerance,
        // 4×, not the 3× of sparse-attention: the control, a plainly written correct solution, measured up to 2.8× here.
        SpeedBudget = 4,
        SpeedBudgetCalibration = "single-threaded, on a loaded 2-core machine (load average 4–7), timing case B=1 H=2 T=192 D=32 " +
            "w=64 G=4. The control BlockedSharedMax (blocks concatenated with their neighbours, band and global columns merged " +
            "through a shared row maximum) 1.71×, 1.52×, 1.26× in three gradings (at B·H = 4: 1.24×–2.80× in seven, 1.41× and " +
            "1.52× as the median of 25 interleaved pairs in a scratch harness); the dense masked mutant 0.79×–1.06× (it must " +
            "stay under the budget: the complexity check judges it); the reference against itself 0.81×–1.20×; the per-query " +
            "C# loop (PerQueryLoop) 17.8×, 19.2×, 11.7× → TooSlow (at B·H = 4 only 5.6× once under heavy load)",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.functional.scaled_dot_product_attention", "this kata is to write the attention yourself"),
            new ForbiddenApi("TorchSharp.torch.nn.MultiheadAttention", "this kata is to write the attention yourself"),
            new ForbiddenApi("TorchSharp.Modules.MultiheadAttention", "this kata is to write the attention yourself"),
        ],
        EntryPoints = ["GlobalLocalAttention.Attend"],
    };

    /// <inheritdoc />
    public override ComplexitySpec Complexity { get; } = new()
    {
        Parameter = "T",
        // w = 16 and G = 4 stay fixed while T doubles: the pattern's work grows as T, a dense masked T×T computation's
        // as T². B = H = 1 and T ≤ 2048 keep the dense mutant's probe to about a second (at T = 4096 one dense call
        // took 2 s on the loaded 2-core machine, 8 s per probe). A solution fails only when its slope is above MaxSlope AND more
        // than 0.5 above the reference's (measured in the same probe). Measured in gradings on the loaded 2-core machine
        // (load average 4–7), solution slope (reference slope in the same probe): DenseMasked 2.32 (1.15), 2.47 (1.45),
        // 2.39 (0.60), 2.58 (1.55), 2.59 (1.37), 1.95 (1.31), 2.00 (1.46), 2.54 (1.15) → WrongComplexity each time (the
        // sixth and seventh by excesses of only 0.64 and 0.54: under heavy load the reference's time jumps at T = 2048);
        // the BlockedSharedMax control 1.13 (1.11), 1.38 (0.96), 0.72 (0.42), 1.25 (1.25), 1.47 (1.41), 1.06 (0.81), 1.15
        // (1.21), 1.76 (1.55), 0.74 (0.61), 1.29 (0.88), 1.25 (1.10) → Passed, two through the 0.5-above-the-reference
        // rule; the reference against itself 0.44 (0.71), 1.52 (1.13), 0.53 (0.68), 1.01 (1.01), 0.91 (0.75), 0.83 (0.81),
        // 1.14 (1.17), 1.24 (0.76). In a scratch harness (minimum of 3 runs per size, not interleaved): reference 0.56 /
        // 0.58 / 0.88, control 0.66 / 0.69 / 0.65, dense 2.18 / 2.12 / 2.43.
        // Those probes alternated call by call. Since 2026-11-27 (session 8) each side is timed in its own block per size,
        // after its own warm-up (ComplexityProbe.MeasureInterleaved: the reference had been paying to fault back the
        // memory a dense call freed). Re-measured at load 2–3 with `mlkatas check … --json`: DenseMasked 2.44 (0.42),
        // 2.38 (0.68), 2.11 (0.96), 2.35 (0.76), 2.09 (0.76), 2.04 (0.51), 2.57 (0.85), 1.97 (0.60) — excess 1.15–2.02;
        // BlockedSharedMax 0.96 (0.97), 0.66 (0.67), 0.83 (0.72), 0.82 (0.68), 0.90 (0.59) → Passed.
        Sizes = [256, 512, 1024, 2048],
        MaxSlope = 1.4,
        Expected = "O(T·(2w + 1 + G)·D): linear in T at a fixed window w = 16 and G = 4 global tokens",
        MakeCase = (t, rng) => Case("complexity", rng, 1, 1, t, 32, 16, SpreadGlobals(t, 4), ScalarType.Float32),
    };

    /// <inheritdoc />
    public override KataInvoker Bind(Assembly solution)
    {
        var f = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, long, Tensor, Tensor>>(solution, "GlobalLocalAttention", "Attend", Signature);
        return c => new Dictionary<string, Tensor>
        {
            ["out"] = f(c.Input("q"), c.Input("k"), c.Input("v"), c.Arg<long>("window"), c.Input("globals")),
        };
    }

    /// <inheritdoc />
    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            int t = rng.Next(1, 90);
            // Mostly narrow windows (where the band and the globals interact); now and then one that covers everything.
            long window = rng.Next(4) == 0 ? rng.Next(0, t + 4) : rng.Next(0, 9);
            // Distinct positions in random order, 0 to 5 of them.
            long[] globals = Enumerable.Range(0, t).OrderBy(_ => rng.Next()).Take(rng.Next(0, Math.Min(t, 5) + 1)).Select(p => (long)p).ToArray();
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            var c = Case($"random #{i + 1}", rng, rng.Next(1, 3), rng.Next(1, 4), t, rng.Next(1, 17), window, globals, dtype);
            // Expected values of float32 cases: exact (float64) attention rounded to float32, as in the golden cases.
            yield return ExactReferenceCase(c.Name, reference, c.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value), c.Args, dtype,
                note: $"random inputs drawn for this grading: T={t}, window={window}, globals=[{string.Join(", ", globals)}]");
        }
    }

    // T = 192 with w = 64: the band's blocks span 3w = 192 = T keys per query, so a dense masked solution does about
    // the reference's work here (measured 0.5–1.0×) and is judged by the complexity check alone (WrongComplexity, as
    // the statement says), not by the speed budget; at T = 256 it measured 2.0×, too close to the budget. B·H = 2, not
    // 4: a C# loop over the 192 queries costs about the same either way (its per-call overhead dominates), while the
    // reference's time halves — at B·H = 4 under heavy load the loop measured only 5.6× (the reference slowed more
    // than the loop), too close to the 4× budget.
    /// <inheritdoc />
    public override KataCase TimingCase(Random rng) => Case("timing", rng, 1, 2, 192, 32, 64, SpreadGlobals(192, 4), ScalarType.Float32);

    /// <summary><paramref name="count"/> global positions spread over [0, T), listed from the last one down (unsorted on purpose).</summary>
    private static long[] SpreadGlobals(long t, int count) =>
        Enumerable.Range(0, count).Select(i => t - 1 - i * t / count).ToArray();

    private static KataCase Case(string name, Random rng, long b, long h, long t, long d, long window, long[] globals, ScalarType dtype) =>
        new(name, new Dictionary<string, Tensor>
        {
            ["q"] = RandN(rng, dtype, b, h, t, d),
            ["k"] = RandN(rng, dtype, b, h, t, d),
            ["v"] = RandN(rng, dtype, b, h, t, d),
            ["globals"] = tensor(globals, dtype: ScalarType.Int64),
        }, new JsonObject { ["window"] = window }, new Dictionary<string, Tensor>());
}
