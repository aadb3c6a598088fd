using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/decision-tree-split: the best Gini/entropy split, a depth-limited CART classifier, and its predictions.</summary>
public sealed class DecisionTreeSplitGrader : KataGrader
{
    private const string BestSplitSignature = "public static SplitResult BestSplit(Tensor x, Tensor y, int numClasses, string criterion)";
    private const string FitSignature = "public static TreeModel Fit(Tensor x, Tensor y, int numClasses, string criterion, int maxDepth, int minSamplesSplit)";
    private const string PredictSignature = "public static Tensor Predict(TreeModel tree, Tensor x)";

    /// <summary>Cases that fit on (x, y) and then predict xTest with the solution's own tree.</summary>
    private const string FitThenPredict = "Fit+Predict";

    private static readonly string[] TreeArrays = ["Feature", "Threshold", "Left", "Right", "Prediction"];

    public override KataSpec Spec { get; } = new()
    {
        Slug = "decision-tree-split",
        // Thresholds are exact midpoints of float64 data; gains are sums of a few products of counts, exact to ~1e-16 (the
        // golden brute force and scikit-learn agree to ≤ 2.8e-16). Features, children and classes are compared exactly.
        Tolerance = new Tolerance(1e-9, 1e-9),
        // Calibrated on tests/MlKatas.Tests/Mutants/decision-tree-split on the timing case (Fit + Predict, n = 300, d = 3,
        // C = 3, depth 4, continuous features), single-threaded on a loaded 2-core machine: the FeatureLoop control (one
        // sort + cumsum per feature, prediction by walking C# arrays) measured 1.69× (spread 1.11–3.12), the
        // PerThresholdLoop mutant (mask and bincount per candidate threshold) 41.6×.
        SpeedBudget = 6,
        SpeedBudgetCalibration = "reference: all features' boundaries at once (sort, one-hot cumsum); a loop over features passes; a loop over candidate thresholds does not",
        EntryPoints = ["DecisionTree.BestSplit", "DecisionTree.Fit", "DecisionTree.Predict"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var bestSplit = ContractBinder.StaticMethod<Func<Tensor, Tensor, int, string, object>>(solution, "DecisionTree", "BestSplit", BestSplitSignature);
        var fit = ContractBinder.StaticMethod<Func<Tensor, Tensor, int, string, int, int, object>>(solution, "DecisionTree", "Fit", FitSignature);
        var predict = BindPredict(solution);
        return c =>
        {
            var (classes, criterion) = (c.Arg<int>("numClasses"), c.Arg<string>("criterion"));
            switch (c.Entry)
            {
                case "BestSplit":
                    object split = bestSplit(c.Input("x"), c.Input("y"), classes, criterion)
                        ?? throw new ContractMismatchException("BestSplit returned null instead of a SplitResult");
                    return new Dictionary<string, Tensor>
                    {
                        ["out.feature"] = torch.tensor((long)ContractBinder.Property<int>(split, "Feature"), ScalarType.Int64),
                        ["out.threshold"] = torch.tensor(ContractBinder.Property<double>(split, "Threshold"), ScalarType.Float64),
                        ["out.gain"] = torch.tensor(ContractBinder.Property<double>(split, "Gain"), ScalarType.Float64),
                    };
                case "Fit":
                case FitThenPredict:
                    object tree = fit(c.Input("x"), c.Input("y"), classes, criterion, c.Arg<int>("maxDepth"), c.Arg<int>("minSamplesSplit"))
                        ?? throw new ContractMismatchException("Fit returned null instead of a TreeModel");
                    var outputs = TreeArrays.ToDictionary(a => "out." + char.ToLowerInvariant(a[0]) + a[1..], a => ContractBinder.Property<Tensor>(tree, a));
                    if (c.Entry == FitThenPredict)
                    {
                        outputs["out.predictions"] = predict(tree, c.Input("xTest"));
                    }
                    return outputs;
                default:
                    throw new ContractMismatchException($"case {c.Name} names no entry point (BestSplit, Fit or Fit+Predict)");
            }
        };
    }

    // Predict takes the solution's own TreeModel type, which the grader cannot name: bind it by reflection.
    private static Func<object, Tensor, Tensor> BindPredict(Assembly solution)
    {
        var treeType = solution.GetType(ContractBinder.Namespace + ".TreeModel")
            ?? throw new ContractMismatchException($"no public record {ContractBinder.Namespace}.TreeModel; the kata expects `{PredictSignature}`");
        var method = solution.GetType(ContractBinder.Namespace + ".DecisionTree")?.GetMethod("Predict", BindingFlags.Public | BindingFlags.Static, [treeType, typeof(Tensor)]);
        if (method is null || method.ReturnType != typeof(Tensor))
        {
            throw new ContractMismatchException($"DecisionTree has no `{PredictSignature}` (public static, with exactly these parameter types)");
        }
        return (tree, x) => (Tensor)(method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [tree, x], null)
            ?? throw new ContractMismatchException("Predict returned null"));
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        string[] criteria = ["gini", "entropy"];
        for (int i = 0; i < 2; i++)
        {
            int n = rng.Next(2, 200), d = rng.Next(1, 6), classes = rng.Next(2, 5);
            var (x, y) = Sample(rng, n, d, classes);
            yield return ReferenceCase($"random #{i + 1}", reference, new() { ["x"] = x, ["y"] = y },
                new JsonObject { ["numClasses"] = classes, ["criterion"] = criteria[i] }, entry: "BestSplit",
                note: $"BestSplit {criteria[i]}: random data drawn for this grading (n={n}, d={d}, C={classes}, values on a grid of 1/4, so there are repeats)");
        }
        for (int i = 2; i < 4; i++)
        {
            int n = rng.Next(10, 300), d = rng.Next(1, 6), classes = rng.Next(2, 5), depth = rng.Next(1, 6), minSplit = rng.Next(2, 12);
            var (x, y) = Sample(rng, n, d, classes);
            var (xTest, _) = Sample(rng, 50, d, classes);
            yield return ReferenceCase($"random #{i + 1}", reference, new() { ["x"] = x, ["y"] = y, ["xTest"] = xTest },
                new JsonObject { ["numClasses"] = classes, ["criterion"] = criteria[i % 2], ["maxDepth"] = depth, ["minSamplesSplit"] = minSplit },
                entry: FitThenPredict,
                note: $"Fit+Predict {criteria[i % 2]}: random data drawn for this grading (n={n}, d={d}, C={classes}, maxDepth={depth}, minSamplesSplit={minSplit}), 50 test points");
        }
    }

    public override KataCase TimingCase(Random rng)
    {
        // Continuous features, so every feature has n − 1 candidates: at most 15 split nodes of BestSplit's ~25 tensor
        // calls each, while trying every threshold with its own mask makes ~8 calls per candidate, ~900 per tree level.
        var (x, y) = Sample(rng, 300, 3, 3, onGrid: false);
        var (xTest, _) = Sample(rng, 300, 3, 3, onGrid: false);
        return new KataCase("timing", new Dictionary<string, Tensor> { ["x"] = x, ["y"] = y, ["xTest"] = xTest },
            new JsonObject { ["numClasses"] = 3, ["criterion"] = "gini", ["maxDepth"] = 4, ["minSamplesSplit"] = 2 },
            new Dictionary<string, Tensor>()) { Entry = FitThenPredict };
    }

    /// <summary>Labels from equal-sized bands of a noisy linear score; features on a grid of 1/4 (repeated values, exact midpoints) or continuous.</summary>
    private static (Tensor X, Tensor Y) Sample(Random rng, int n, int d, int classes, bool onGrid = true)
    {
        var x = RandN(rng, ScalarType.Float64, n, d).mul_(2);
        if (onGrid)
        {
            x.mul_(4).round_().div_(4);
        }
        using var w = RandN(rng, ScalarType.Float64, d);
        using var score = x.matmul(w).add_(RandN(rng, ScalarType.Float64, n));
        using var ranks = score.argsort().argsort();
        var y = ranks.mul(classes).div(n, rounding_mode: RoundingMode.floor);   // equal-sized bands of the score
        return (x, y);
    }
}
