using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/roc-auc: ROC AUC with ties counted ½, and scikit-learn 1.2's ROC curve points.</summary>
public sealed class RocAucGrader : KataGrader
{
    private const string ScoreSignature = "public static double Score(Tensor yTrue, Tensor scores)";
    private const string CurveSignature = "public static (Tensor Fpr, Tensor Tpr, Tensor Thresholds) Curve(Tensor yTrue, Tensor scores)";

    /// <summary>The timing case calls both entry points, one after the other, on the same inputs.</summary>
    private const string BothEntries = "Score and Curve";

    public override KataSpec Spec { get; } = new()
    {
        Slug = "roc-auc",
        // Every expected value is a ratio of integers (counts, or a rank sum over P·N) rounded once; a solution that sums
        // n trapezoids or n increments of 1/P instead carries ~n·1e-16 ≤ 1e-11 on the largest case. 1e-10 admits any
        // order of summation; the mistakes (a tie counted 1 or 0) move the AUC by ≥ 1/(P·N) ≥ 1e-7 on every case.
        Tolerance = new Tolerance(1e-10, 1e-10),
        SpeedBudget = 5,
        SpeedBudgetCalibration = "reference: torch.unique (sorted, inverse, counts) + bincount + cumsum for both entry points; the control (argsort, tie boundaries, cumsum, trapezoid AUC — scikit-learn's algorithm) passes; a per-element loop over the sorted scores does not",
        EntryPoints = ["RocAuc.Score", "RocAuc.Curve"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var score = ContractBinder.StaticMethod<Func<Tensor, Tensor, double>>(solution, "RocAuc", "Score", ScoreSignature);
        var curve = ContractBinder.StaticMethod<Func<Tensor, Tensor, (Tensor, Tensor, Tensor)>>(solution, "RocAuc", "Curve", CurveSignature);
        return c =>
        {
            var yTrue = c.Input("yTrue");
            var scores = c.Input("scores");
            var outputs = new Dictionary<string, Tensor>();
            if (c.Entry is "Score" or BothEntries)
            {
                outputs["out"] = torch.tensor(score(yTrue, scores), ScalarType.Float64);
            }
            if (c.Entry is "Curve" or BothEntries)
            {
                var (fpr, tpr, thresholds) = curve(yTrue, scores);
                outputs["out.fpr"] = fpr;
                outputs["out.tpr"] = tpr;
                outputs["out.thresholds"] = thresholds;
            }
            return outputs.Count > 0 ? outputs
                : throw new ContractMismatchException($"case {c.Name} names no entry point (Score or Curve)");
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            string entry = i % 2 == 0 ? "Score" : "Curve";
            int n = rng.Next(2, 1500);
            bool ties = i >= 2;   // two cases with continuous scores, two with scores on a coarse grid (many ties)
            var (yTrue, scores) = Sample(rng, n, ties);
            yield return ReferenceCase($"random #{i + 1}", reference, new() { ["yTrue"] = yTrue, ["scores"] = scores },
                new JsonObject(), entry: entry,
                note: $"{entry}: random labels and scores drawn for this grading (n={n}, {(ties ? "scores on a 0.25 grid: many ties" : "continuous scores")})");
        }
    }

    public override KataCase TimingCase(Random rng)
    {
        // Half the scores on a coarse grid (ties), half continuous. One call of each entry point costs the reference two
        // sorts of 5000 doubles (a few ms), while a per-element C# loop over the sorted scores makes 15000+ native calls.
        const int n = 5000;
        var (yTrue, scores) = Sample(rng, n, ties: false);
        var (unusedLabels, gridded) = Sample(rng, n, ties: true);
        using var even = torch.arange(n) % 2 == 0;
        var mixed = torch.where(even, scores, gridded);
        unusedLabels.Dispose();
        scores.Dispose();
        gridded.Dispose();
        return new KataCase("timing", new Dictionary<string, Tensor> { ["yTrue"] = yTrue, ["scores"] = mixed }, new JsonObject(),
            new Dictionary<string, Tensor>()) { Entry = BothEntries };
    }

    /// <summary>Labels with a random positive rate (sometimes one class only) and scores that lean towards the positives.</summary>
    private static (Tensor YTrue, Tensor Scores) Sample(Random rng, int n, bool ties)
    {
        double rate = rng.Next(8) == 0 ? (rng.Next(2) == 0 ? 0.0 : 1.0) : 0.05 + 0.9 * rng.NextDouble();
        var yTrue = Rand(rng, ScalarType.Float64, n).lt(rate).to_type(ScalarType.Int64);
        var scores = RandN(rng, ScalarType.Float64, n).add_(yTrue.to_type(ScalarType.Float64).mul_(rng.NextDouble() * 2));
        if (ties)
        {
            scores = scores.mul_(4).round_().div_(4);
        }
        return (yTrue, scores);
    }
}
