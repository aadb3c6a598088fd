using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/logistic-regression: L2-regularised logistic regression fit to the optimum, and its probabilities.</summary>
public sealed class LogisticRegressionGrader : KataGrader
{
    private const string FitSignature = "public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y, double l2)";
    private const string ProbaSignature = "public static Tensor PredictProba(Tensor x, Tensor weights, double bias)";

    /// <summary>Tolerance of PredictProba: a sigmoid in float64 is accurate to a few ulps.</summary>
    public static readonly Tolerance ProbaTolerance = new(1e-12, 1e-10);

    public override KataSpec Spec { get; } = new()
    {
        Slug = "logistic-regression",
        // The statement promises "within 1e-6 of the optimum": the golden optima are exact to ~1e-12 (Newton
        // refinement of scikit-learn's fit), so 1e-6 leaves the learner's stopping rule all the slack it needs.
        Tolerance = new Tolerance(1e-6, 1e-6),
        SpeedBudget = 5,
        SpeedBudgetCalibration = "reference: Newton/IRLS; a plainly written Newton or L-BFGS passes; fixed-step gradient descent does not converge within the tolerance",
        Forbidden = [new ForbiddenApi("TorchSharp.torch.optim", "this kata is to write the optimiser yourself")],
        EntryPoints = ["LogisticRegression.Fit", "LogisticRegression.PredictProba"],
    };

    public override Tolerance ToleranceFor(KataCase kataCase, string output, Tensor expected)
    {
        ArgumentNullException.ThrowIfNull(kataCase);
        return kataCase.ToleranceOverride ?? (EntryOf(kataCase) == "PredictProba" ? ProbaTolerance : Spec.Tolerance);
    }

    public override KataInvoker Bind(Assembly solution)
    {
        var fit = ContractBinder.StaticMethod<Func<Tensor, Tensor, double, (Tensor, double)>>(solution, "LogisticRegression", "Fit", FitSignature);
        var proba = ContractBinder.StaticMethod<Func<Tensor, Tensor, double, Tensor>>(solution, "LogisticRegression", "PredictProba", ProbaSignature);
        return c =>
        {
            if (EntryOf(c) == "PredictProba")
            {
                return new Dictionary<string, Tensor> { ["out"] = proba(c.Input("x"), c.Input("weights"), c.Arg<double>("bias")) };
            }
            var (w, b) = fit(c.Input("x"), c.Input("y"), c.Arg<double>("l2"));
            return new Dictionary<string, Tensor> { ["out.weights"] = w, ["out.bias"] = torch.tensor(b, ScalarType.Float64) };
        };
    }

    private static string EntryOf(KataCase c) => c.Entry ?? (c.Inputs.ContainsKey("weights") ? "PredictProba" : "Fit");

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double[] l2s = [1e-3, 1e-2, 1e-1];
        for (int i = 0; i < Spec.RandomCases - 1; i++)
        {
            int n = rng.Next(2, 400), d = rng.Next(1, 12);
            var (x, y) = Sample(rng, n, d);
            yield return ReferenceCase($"random #{i + 1}", reference,
                new() { ["x"] = x, ["y"] = y }, new JsonObject { ["l2"] = l2s[rng.Next(l2s.Length)] }, entry: "Fit",
                note: "random data drawn for this grading");
        }
        {
            int n = rng.Next(5, 200), d = rng.Next(1, 12);
            var x = RandN(rng, ScalarType.Float64, n, d) * 30;
            var w = RandN(rng, ScalarType.Float64, d);
            yield return ReferenceCase($"random #{Spec.RandomCases}", reference,
                new() { ["x"] = x, ["weights"] = w }, new JsonObject { ["bias"] = rng.NextDouble() * 10 - 5 }, entry: "PredictProba",
                note: "random large logits drawn for this grading");
        }
    }

    public override KataCase TimingCase(Random rng)
    {
        var (x, y) = Sample(rng, 4000, 40);
        return new KataCase("timing", new Dictionary<string, Tensor> { ["x"] = x, ["y"] = y },
            new JsonObject { ["l2"] = 1e-3 }, new Dictionary<string, Tensor>()) { Entry = "Fit" };
    }

    /// <summary>Features with uneven scales and labels drawn from a true logistic model.</summary>
    private static (Tensor X, Tensor Y) Sample(Random rng, int n, int d)
    {
        var scale = torch.exp(RandN(rng, ScalarType.Float64, d));
        var x = RandN(rng, ScalarType.Float64, n, d) * scale;
        var w = RandN(rng, ScalarType.Float64, d) / scale;
        var p = torch.sigmoid(x.matmul(w) + rng.NextDouble() - 0.5);
        var y = (Rand(rng, ScalarType.Float64, n) < p).to_type(ScalarType.Float64);
        // With one class only, J has no finite minimiser (the bias is unregularised): make sure both occur.
        double positives = y.sum().item<double>();
        if (positives == 0 || positives == n)
        {
            y[0] = torch.tensor(1.0 - y[0].item<double>(), ScalarType.Float64);
        }
        return (x, y);
    }
}
