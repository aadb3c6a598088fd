using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/k-nearest-neighbors: brute-force kNN classification and regression with stated tie rules.</summary>
public sealed class KNearestNeighborsGrader : KataGrader
{
    private const string ClassifySignature = "public static Tensor Classify(Tensor xTrain, Tensor yTrain, Tensor xQuery, long k)";
    private const string RegressSignature = "public static Tensor Regress(Tensor xTrain, Tensor yTrain, Tensor xQuery, long k)";

    /// <summary>The timing case calls both entry points (Regress with the targets in input <c>yTargets</c>).</summary>
    private const string BothEntries = "Classify and Regress";

    public override KataSpec Spec { get; } = new()
    {
        Slug = "k-nearest-neighbors",
        // Labels are compared exactly. A regression output is the mean of k targets: any order of summation is within
        // ~k·1e-16 relative. The neighbour sets themselves are exact on every case: designed ties use small integers or
        // duplicates (every distance formula is exact there), other cases have no near-tie at the k-th neighbour.
        Tolerance = new Tolerance(1e-10, 1e-10),
        // Calibrated on tests/MlKatas.Tests/Mutants/k-nearest-neighbors on the timing case (1500 queries × 12 training
        // points): the DirectStableSort control ([m, n, d] differences, a full stable sort per row) measured ~2-3.5× the
        // reference (topk does less work than a sort), the PerQueryLoop mutant 20-55× (3000 × 16 measured the same).
        SpeedBudget = 10,
        SpeedBudgetCalibration = "reference: distances by one matmul after a shift, topk + an exact tie fix-up, votes by a one-hot matmul; the control (direct differences, a stable sort, one_hot votes) passes; a loop over the queries does not",
        EntryPoints = ["KNearestNeighbors.Classify", "KNearestNeighbors.Regress"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var classify = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, long, Tensor>>(solution, "KNearestNeighbors", "Classify", ClassifySignature);
        var regress = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, long, Tensor>>(solution, "KNearestNeighbors", "Regress", RegressSignature);
        return c =>
        {
            long k = c.Arg<long>("k");
            return c.Entry switch
            {
                "Classify" => new Dictionary<string, Tensor> { ["out"] = classify(c.Input("xTrain"), c.Input("yTrain"), c.Input("xQuery"), k) },
                "Regress" => new Dictionary<string, Tensor> { ["out"] = regress(c.Input("xTrain"), c.Input("yTrain"), c.Input("xQuery"), k) },
                BothEntries => new Dictionary<string, Tensor>
                {
                    ["out.labels"] = classify(c.Input("xTrain"), c.Input("yTrain"), c.Input("xQuery"), k),
                    ["out.targets"] = regress(c.Input("xTrain"), c.Input("yTargets"), c.Input("xQuery"), k),
                },
                _ => throw new ContractMismatchException($"case {c.Name} names no entry point (Classify or Regress)"),
            };
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            bool classify = i % 2 == 0;
            bool grid = i >= 2;   // two cases on an integer grid: exact distance ties at the k-th neighbour
            int n = rng.Next(1, 200), m = rng.Next(1, 60), d = rng.Next(1, 5), k = rng.Next(1, Math.Min(n, 12) + 1);
            var (xTrain, xQuery) = Points(rng, n, m, d, grid);
            var yTrain = classify
                ? torch.randint(0, rng.Next(1, 6), [n], generator: new Generator((ulong)rng.NextInt64(1, long.MaxValue)))
                : RandN(rng, ScalarType.Float64, n).mul_(3);
            string entry = classify ? "Classify" : "Regress";
            yield return ReferenceCase($"random #{i + 1}", reference,
                new() { ["xTrain"] = xTrain, ["yTrain"] = yTrain, ["xQuery"] = xQuery }, new JsonObject { ["k"] = k }, entry: entry,
                note: $"{entry}: random points drawn for this grading (n={n}, m={m}, d={d}, k={k}; " +
                    (grid ? "integer coordinates, so equal distances occur" : "continuous coordinates") + "; some queries are training points)");
        }
    }

    public override KataCase TimingCase(Random rng)
    {
        // Many queries against a small training set: the reference's work is a few [m, n] tensor ops (~ms), while a loop
        // over the 1500 queries makes ~15000 native calls. n = 12 keeps a full stable sort of each distance row (what a
        // strong candidate writes for the tie rule) within a small factor of topk, and the loop's ratio far above budget.
        const int n = 12, m = 1500, d = 4, k = 5;
        var (xTrain, xQuery) = Points(rng, n, m, d, grid: false);
        var labels = torch.randint(0, 4, [n], generator: new Generator((ulong)rng.NextInt64(1, long.MaxValue)));
        var targets = RandN(rng, ScalarType.Float64, n);
        return new KataCase("timing", new Dictionary<string, Tensor>
        {
            ["xTrain"] = xTrain, ["yTrain"] = labels, ["yTargets"] = targets, ["xQuery"] = xQuery,
        }, new JsonObject { ["k"] = k }, new Dictionary<string, Tensor>()) { Entry = BothEntries };
    }

    /// <summary>Training and query points; about a quarter of the queries are copies of training points.</summary>
    private static (Tensor Train, Tensor Query) Points(Random rng, int n, int m, int d, bool grid)
    {
        var train = grid ? RandN(rng, ScalarType.Float64, n, d).mul_(2).round_() : RandN(rng, ScalarType.Float64, n, d);
        var query = grid ? RandN(rng, ScalarType.Float64, m, d).mul_(2).round_() : RandN(rng, ScalarType.Float64, m, d);
        using var rows = torch.arange(0, m, 4);
        using var gen = new Generator((ulong)rng.NextInt64(1, long.MaxValue));
        using var picked = torch.randint(0, n, [rows.shape[0]], generator: gen);
        using var copies = train.index_select(0, picked);
        query.index_copy_(0, rows, copies);
        return (train, query);
    }
}
