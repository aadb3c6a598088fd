using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/gaussian-naive-bayes: scikit-learn 1.2's GaussianNB fit, joint log-likelihood and log-probabilities.</summary>
public sealed class GaussianNaiveBayesGrader : KataGrader
{
    private const string FitSignature = "public static GaussianNbModel Fit(Tensor x, Tensor y, double varSmoothing)";
    private const string JointSignature = "public static Tensor JointLogLikelihood(Tensor x, Tensor priors, Tensor means, Tensor variances)";
    private const string LogProbaSignature = "public static Tensor PredictLogProba(Tensor x, Tensor priors, Tensor means, Tensor variances)";

    /// <summary>Cases that fit on (xTrain, yTrain) and then predict on x with the solution's own fitted model.</summary>
    private const string FitThenPredict = "Fit+Predict";

    public override KataSpec Spec { get; } = new()
    {
        Slug = "gaussian-naive-bayes",
        // Means and two-pass variances agree with numpy's to ~1e-13 relative even at a 1e6 offset; the joint
        // log-likelihoods are sums of d terms (relative error ~1e-15) and reach 1e9 in magnitude when a variance is
        // epsilon-sized, hence a relative tolerance; log-probabilities of ~0 are covered by atol (the log-sum-exp
        // subtraction of numbers up to 5e4 in magnitude loses ~1e-11). The mistakes are off by ≥ 1e-4 relative.
        Tolerance = new Tolerance(1e-9, 1e-9),
        // Calibrated on tests/MlKatas.Tests/Mutants/gaussian-naive-bayes on the timing case: the ClassLoop control (masks
        // and var(unbiased: false) per class, one log-likelihood column per class, log_softmax) measured 1.4×, the
        // PerSampleLoop mutant (one sample's [C, d] work per iteration) 12-80×.
        SpeedBudget = 5,
        SpeedBudgetCalibration = "reference: index_add_ per-class sums, two-pass variances, one broadcast [m, C, d] for the log-likelihood; the control (a loop over the classes with masks, log_softmax) passes; a loop over the samples does not",
        EntryPoints = ["GaussianNaiveBayes.Fit", "GaussianNaiveBayes.JointLogLikelihood", "GaussianNaiveBayes.PredictLogProba"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var fit = ContractBinder.StaticMethod<Func<Tensor, Tensor, double, object>>(solution, "GaussianNaiveBayes", "Fit", FitSignature);
        var joint = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor, Tensor>>(solution, "GaussianNaiveBayes", "JointLogLikelihood", JointSignature);
        var logProba = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor, Tensor>>(solution, "GaussianNaiveBayes", "PredictLogProba", LogProbaSignature);
        return c =>
        {
            switch (c.Entry)
            {
                case "JointLogLikelihood":
                    return new Dictionary<string, Tensor> { ["out.jointLogLikelihood"] = joint(c.Input("x"), c.Input("priors"), c.Input("means"), c.Input("variances")) };
                case "PredictLogProba":
                    return new Dictionary<string, Tensor> { ["out.logProba"] = logProba(c.Input("x"), c.Input("priors"), c.Input("means"), c.Input("variances")) };
                case "Fit":
                case FitThenPredict:
                    bool predict = c.Entry == FitThenPredict;
                    object model = fit(c.Input(predict ? "xTrain" : "x"), c.Input(predict ? "yTrain" : "y"), c.Arg<double>("varSmoothing"))
                        ?? throw new ContractMismatchException("Fit returned null instead of a GaussianNbModel");
                    var outputs = new Dictionary<string, Tensor>
                    {
                        ["out.priors"] = ContractBinder.Property<Tensor>(model, "Priors"),
                        ["out.means"] = ContractBinder.Property<Tensor>(model, "Means"),
                        ["out.variances"] = ContractBinder.Property<Tensor>(model, "Variances"),
                    };
                    if (predict)
                    {
                        var (priors, means, variances) = (outputs["out.priors"], outputs["out.means"], outputs["out.variances"]);
                        outputs["out.jointLogLikelihood"] = joint(c.Input("x"), priors, means, variances);
                        outputs["out.logProba"] = logProba(c.Input("x"), priors, means, variances);
                    }
                    return outputs;
                default:
                    throw new ContractMismatchException($"case {c.Name} names no entry point (Fit, JointLogLikelihood, PredictLogProba or Fit+Predict)");
            }
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        {
            int n = rng.Next(8, 300), d = rng.Next(1, 8), classes = rng.Next(2, 6);
            var (x, y) = Blobs(rng, n, d, classes);
            double varSmoothing = rng.Next(2) == 0 ? 1e-9 : 1e-2;
            yield return ReferenceCase("random #1", reference, new() { ["x"] = x, ["y"] = y },
                new JsonObject { ["varSmoothing"] = varSmoothing }, entry: "Fit",
                note: $"Fit: random blobs drawn for this grading (n={n}, d={d}, C={classes}, varSmoothing={varSmoothing:g}; a class may have one sample)");
        }
        foreach (var (i, entry) in new[] { (2, "JointLogLikelihood"), (3, "PredictLogProba") })
        {
            int m = rng.Next(1, 60), d = rng.Next(1, 8), classes = rng.Next(2, 6);
            using var weights = Rand(rng, ScalarType.Float64, classes).add_(0.2);
            var priors = weights / weights.sum();
            var means = RandN(rng, ScalarType.Float64, classes, d).mul_(2);
            var variances = RandN(rng, ScalarType.Float64, classes, d).exp_();
            var x = RandN(rng, ScalarType.Float64, m, d).mul_(i == 3 ? 30 : 3);   // the log-proba case sits far from every mean
            yield return ReferenceCase($"random #{i}", reference,
                new() { ["x"] = x, ["priors"] = priors, ["means"] = means, ["variances"] = variances }, new JsonObject(), entry: entry,
                note: $"{entry}: a random model and samples drawn for this grading (m={m}, d={d}, C={classes}" + (i == 3 ? ", samples far from every mean)" : ")"));
        }
        {
            int n = rng.Next(8, 300), m = rng.Next(1, 40), d = rng.Next(1, 8), classes = rng.Next(2, 6);
            var (xTrain, yTrain) = Blobs(rng, n, d, classes);
            var x = RandN(rng, ScalarType.Float64, m, d).mul_(4);
            yield return ReferenceCase("random #4", reference, new() { ["xTrain"] = xTrain, ["yTrain"] = yTrain, ["x"] = x },
                new JsonObject { ["varSmoothing"] = 1e-9 }, entry: FitThenPredict,
                note: $"Fit+Predict: fit on random blobs drawn for this grading, then predict (n={n}, m={m}, d={d}, C={classes})");
        }
    }

    public override KataCase TimingCase(Random rng)
    {
        // One fit on 4000 × 16 with 5 classes, then both predictions for 2000 samples with the fitted model: a few ms for
        // the reference; a loop over the 2000 samples makes ~10000 native calls per prediction.
        var (xTrain, yTrain) = Blobs(rng, 4000, 16, 5);
        var x = RandN(rng, ScalarType.Float64, 2000, 16).mul_(4);
        return new KataCase("timing", new Dictionary<string, Tensor> { ["xTrain"] = xTrain, ["yTrain"] = yTrain, ["x"] = x },
            new JsonObject { ["varSmoothing"] = 1e-9 }, new Dictionary<string, Tensor>()) { Entry = FitThenPredict };
    }

    /// <summary>Gaussian blobs with per-feature scales; class c gets about 1/(c+1) of the samples, and every class occurs.</summary>
    private static (Tensor X, Tensor Y) Blobs(Random rng, int n, int d, int classes)
    {
        using var gen = new Generator((ulong)rng.NextInt64(1, long.MaxValue));
        using var weights = torch.arange(1, classes + 1, dtype: ScalarType.Float64).reciprocal_();
        var y = torch.cat([torch.arange(classes), torch.multinomial(weights, n - classes, replacement: true, generator: gen)]);
        using var centres = RandN(rng, ScalarType.Float64, classes, d).mul_(3);
        using var scales = RandN(rng, ScalarType.Float64, d).exp_();
        var x = centres.index_select(0, y).add_(RandN(rng, ScalarType.Float64, n, d).mul_(scales));
        return (x, y);
    }
}
