using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/classification-metrics: confusion matrix, macro/micro/weighted precision-recall-F1, NDCG@k.</summary>
public sealed class ClassificationMetricsGrader : KataGrader
{
    private const string ConfusionSignature = "public static Tensor ConfusionMatrix(Tensor yTrue, Tensor yPred, long numClasses)";
    private const string PrfSignature = "public static (double Precision, double Recall, double F1) PrecisionRecallF1(Tensor yTrue, Tensor yPred, long numClasses, string average)";
    private const string NdcgSignature = "public static Tensor NdcgAtK(Tensor relevance, Tensor scores, long k)";

    /// <summary>The timing case calls every entry point on its inputs.</summary>
    private const string AllEntries = "all three";

    private static readonly string[] Averages = ["macro", "micro", "weighted"];

    public override KataSpec Spec { get; } = new()
    {
        Slug = "classification-metrics",
        // Counts are exact; the averages are ratios of counts summed over ≤ 10 classes and NDCG is a sum of ≤ 30
        // discounted gains over another: any order of operations (or log(x)/log(2) for log2) agrees to ~1e-15 relative.
        // The mistakes this kata is about (macro vs weighted, 0/0 as 1, the wrong discount) move answers by ≥ 1e-3.
        Tolerance = new Tolerance(1e-10, 1e-10),
        // Calibrated on tests/MlKatas.Tests/Mutants/classification-metrics: the ClassLoops control (the confusion matrix one row
        // per class, precision/recall/F1 from per-class boolean masks: ~60 more tensor ops than the reference) measured
        // ~3-4×, the PerSampleLoop mutant hundreds of times the reference. The statement allows a loop over the classes.
        SpeedBudget = 10,
        SpeedBudgetCalibration = "reference: one bincount for the confusion matrix, vectorised per-class ratios, a stable sort + gather for NDCG; the control (loops over the K classes with boolean masks, sort + gather) passes; a loop over the samples does not",
        EntryPoints = ["ClassificationMetrics.ConfusionMatrix", "ClassificationMetrics.PrecisionRecallF1", "ClassificationMetrics.NdcgAtK"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var confusion = ContractBinder.StaticMethod<Func<Tensor, Tensor, long, Tensor>>(solution, "ClassificationMetrics", "ConfusionMatrix", ConfusionSignature);
        var prf = ContractBinder.StaticMethod<Func<Tensor, Tensor, long, string, (double, double, double)>>(solution, "ClassificationMetrics", "PrecisionRecallF1", PrfSignature);
        var ndcg = ContractBinder.StaticMethod<Func<Tensor, Tensor, long, Tensor>>(solution, "ClassificationMetrics", "NdcgAtK", NdcgSignature);
        return c =>
        {
            var outputs = new Dictionary<string, Tensor>();
            if (c.Entry is "ConfusionMatrix" or AllEntries)
            {
                outputs["out.confusion"] = confusion(c.Input("yTrue"), c.Input("yPred"), c.Arg<long>("numClasses"));
            }
            if (c.Entry is "PrecisionRecallF1" or AllEntries)
            {
                var (p, r, f1) = prf(c.Input("yTrue"), c.Input("yPred"), c.Arg<long>("numClasses"), c.Arg<string>("average"));
                outputs["out.precision"] = torch.tensor(p, ScalarType.Float64);
                outputs["out.recall"] = torch.tensor(r, ScalarType.Float64);
                outputs["out.f1"] = torch.tensor(f1, ScalarType.Float64);
            }
            if (c.Entry is "NdcgAtK" or AllEntries)
            {
                outputs["out.ndcg"] = ndcg(c.Input("relevance"), c.Input("scores"), c.Arg<long>("k"));
            }
            return outputs.Count > 0 ? outputs
                : throw new ContractMismatchException($"case {c.Name} names no entry point (ConfusionMatrix, PrecisionRecallF1 or NdcgAtK)");
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        {
            int k = rng.Next(2, 10), n = rng.Next(1, 600);
            var (yTrue, yPred) = Labels(rng, n, k);
            yield return ReferenceCase("random #1", reference, new() { ["yTrue"] = yTrue, ["yPred"] = yPred },
                new JsonObject { ["numClasses"] = k }, entry: "ConfusionMatrix",
                note: $"ConfusionMatrix: random labels drawn for this grading (n={n}, K={k}, imbalanced, some classes may never occur)");
        }
        for (int i = 2; i <= 3; i++)
        {
            int k = rng.Next(2, 10), n = rng.Next(1, 600);
            var (yTrue, yPred) = Labels(rng, n, k);
            string average = Averages[i == 2 ? rng.Next(0, 3) : (rng.Next(2) == 0 ? 0 : 2)];
            yield return ReferenceCase($"random #{i}", reference, new() { ["yTrue"] = yTrue, ["yPred"] = yPred },
                new JsonObject { ["numClasses"] = k, ["average"] = average }, entry: "PrecisionRecallF1",
                note: $"PrecisionRecallF1 ({average}): random labels drawn for this grading (n={n}, K={k}, imbalanced, some classes may never occur)");
        }
        {
            int q = rng.Next(1, 40), l = rng.Next(2, 40), k = rng.Next(1, l + 5);
            var (relevance, scores) = Ranking(rng, q, l, ties: rng.Next(2) == 0);
            yield return ReferenceCase("random #4", reference, new() { ["relevance"] = relevance, ["scores"] = scores },
                new JsonObject { ["k"] = k }, entry: "NdcgAtK",
                note: $"NdcgAtK: random relevance and scores drawn for this grading (Q={q}, L={l}, k={k}; scores may tie)");
        }
    }

    public override KataCase TimingCase(Random rng)
    {
        // One call of each entry point. 2000 labels make a per-sample loop 4000+ native calls against one bincount, while
        // every vectorised solution — including loops over the K = 10 classes — is dominated by its ~20-100 tensor ops;
        // The ranking part has many short queries (1000 × 16): one sort of the whole [Q, L] tensor against a loop over the
        // queries (~8 tensor ops per query).
        var (yTrue, yPred) = Labels(rng, 2000, 10);
        var (relevance, scores) = Ranking(rng, 1000, 16, ties: true);
        return new KataCase("timing",
            new Dictionary<string, Tensor> { ["yTrue"] = yTrue, ["yPred"] = yPred, ["relevance"] = relevance, ["scores"] = scores },
            new JsonObject { ["numClasses"] = 10, ["average"] = "weighted", ["k"] = 10 }, new Dictionary<string, Tensor>())
        { Entry = AllEntries };
    }

    /// <summary>Imbalanced true classes (class c drawn ∝ 1/(c+1)) and predictions right about 60% of the time.</summary>
    private static (Tensor YTrue, Tensor YPred) Labels(Random rng, int n, int k)
    {
        var weights = torch.arange(1, k + 1, dtype: ScalarType.Float64).reciprocal_();
        using var gen = new Generator((ulong)rng.NextInt64(1, long.MaxValue));
        var yTrue = torch.multinomial(weights, n, replacement: true, generator: gen);
        var noise = torch.randint(0, k, [n], generator: gen);
        var right = Rand(rng, ScalarType.Float64, n).lt(0.6);
        return (yTrue, torch.where(right, yTrue, noise));
    }

    /// <summary>Graded relevance 0-3 (mostly 0) and scores that correlate with it; with ties, scores on a coarse grid.</summary>
    private static (Tensor Relevance, Tensor Scores) Ranking(Random rng, int q, int l, bool ties)
    {
        var relevance = Rand(rng, ScalarType.Float64, q, l).pow_(2).mul_(4).floor_();
        var scores = RandN(rng, ScalarType.Float64, q, l).add_(relevance * 0.5);
        if (ties)
        {
            scores = scores.round_();
        }
        return (relevance, scores);
    }
}
