using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/sampling: temperature → top-k → top-p filtering of next-token logits (Hugging Face's warper order),
/// renormalisation, and an inverse-CDF draw from given uniforms. The distribution is compared within tolerance, the
/// sampled ids exactly.
/// </summary>
public sealed class SamplingGrader : KataGrader
{
    private const string Signature = "public static SamplingResult Sample(Tensor logits, double temperature, long topK, double topP, Tensor uniforms)";
    private const string MultinomialWhy = "the draw must be the inverse CDF of the given uniforms (so it can be checked); multinomial draws its own random numbers";

    /// <inheritdoc />
    public override KataSpec Spec { get; } = new()
    {
        Slug = "sampling",
        // float64. Probabilities are a softmax over the kept tokens: another summation order (sorted vs id order, a
        // log-sum-exp) differs by ~1e-16 relative; 1e-12 admits any of them and rejects every filtering mistake (which
        // moves probabilities by ≥ 1e-3). Ids are compared exactly: golden cases keep every p-boundary and u-boundary
        // decision ≥ 1e-9 from a rounding flip except the designed exact ones (equal logits, probabilities 1/2^j).
        Tolerance = new Tolerance(1e-12, 1e-10),
        // Calibrated single-threaded with the mutants in tests/MlKatas.Tests/Mutants/sampling on the shared 2-core machine at
        // load average ~21 (absolute times ~10× a quiet machine's). At B = 16, V = 4096: the reference against itself 1.13×,
        // SortOnceControl 1.86× (spread 1.30–2.89 over 9 pairs, 231 vs 137 ms), PerTokenLoop 67.5× (8.2 s vs 0.11 s, judged
        // on the warm-ups). The timing case was then halved to B = 8 so that the TooSlow mutant's warm-up costs a few
        // seconds of test time; per-row costs are unchanged, so the ratios carry over.
        // Final size, load ~2: reference 6 ms a call, itself 1.02×, SortOnceControl 1.79× (spread 1.41–2.71), PerTokenLoop 18.1×.
        SpeedBudget = 4,
        SpeedBudgetCalibration = "reference: topk for the k-th value, one stable descending sort for top-p, softmax, cumsum, a count of cdf ≤ u; " +
            "at B = 16, V = 4096 (load ~21): itself 1.13×, SortOnceControl (one sort for both filters, searchsorted) 1.86×, PerTokenLoop (item<double>() per logit) 67.5× — TooSlow; timed on B = 8, V = 4096",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.multinomial", MultinomialWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.multinomial", MultinomialWhy),
        ],
        EntryPoints = ["Sampling.Sample"],
    };

    /// <inheritdoc />
    public override KataInvoker Bind(Assembly solution)
    {
        var sample = ContractBinder.StaticMethod<Func<Tensor, double, long, double, Tensor, object>>(solution, "Sampling", "Sample", Signature);
        return c =>
        {
            object result = sample(c.Input("logits"), c.Arg<double>("temperature"), c.Arg<long>("topK"), c.Arg<double>("topP"), c.Input("uniforms"))
                ?? throw new ContractMismatchException("Sample returned null instead of a SamplingResult");
            return new Dictionary<string, Tensor>
            {
                ["out.probs"] = ContractBinder.Property<Tensor>(result, "Probs"),
                ["out.ids"] = ContractBinder.Property<Tensor>(result, "Ids"),
            };
        };
    }

    /// <inheritdoc />
    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double[] temperatures = [0, 0.6, 1, 1.8];
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            int b = rng.Next(1, 9), v = rng.Next(2, 200);
            double t = temperatures[i % temperatures.Length];
            long k = rng.Next(2) == 0 ? 0 : rng.Next(1, v + 2);
            double p = rng.Next(3) == 0 ? 1 : 0.3 + 0.69 * rng.NextDouble();
            var logits = RandN(rng, ScalarType.Float64, b, v) * (0.5 + 3 * rng.NextDouble());
            yield return ReferenceCase($"random #{i + 1}", reference,
                new Dictionary<string, Tensor> { ["logits"] = logits, ["uniforms"] = Rand(rng, ScalarType.Float64, b) },
                new JsonObject { ["temperature"] = t, ["topK"] = k, ["topP"] = p },
                note: string.Create(CultureInfo.InvariantCulture, $"random logits drawn for this grading: B={b}, V={v}, T={t}, top-k {k}, top-p {p:0.###}"));
        }
    }

    /// <inheritdoc />
    public override KataCase TimingCase(Random rng) => new("timing",
        new Dictionary<string, Tensor> { ["logits"] = RandN(rng, ScalarType.Float64, 8, 4096) * 2, ["uniforms"] = Rand(rng, ScalarType.Float64, 8) },
        new JsonObject { ["temperature"] = 0.8, ["topK"] = 50, ["topP"] = 0.9 }, new Dictionary<string, Tensor>());
}
