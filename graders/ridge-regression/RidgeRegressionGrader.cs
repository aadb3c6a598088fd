using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/ridge-regression: the closed-form ridge solution with an unpenalised intercept.</summary>
public sealed class RidgeRegressionGrader : KataGrader
{
    private const string FitSignature = "public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y, double l2)";

    private static readonly string[] LinalgJob = ["TorchSharp.torch.linalg.lstsq", "TorchSharp.torch.linalg.pinv", "TorchSharp.torch.pinverse", "TorchSharp.torch.Tensor.pinverse"];

    public override KataSpec Spec { get; } = new()
    {
        Slug = "ridge-regression",
        // The system (xcᵀxc + l2·I) w = xcᵀyc is solved to ~cond·1e-16; on every case here any direct solve (centred or
        // on the augmented [x, 1] with a zero penalty on b) lands within 1e-12. 1e-8 leaves room for the method; the
        // mistakes this kata is about (penalised intercept, mean loss) are off by 1e-4 … 50.
        Tolerance = new Tolerance(1e-8, 1e-8),
        // Calibrated on tests/MlKatas.Tests/Mutants/ridge-regression: the AugmentedSystem control (normal equations of
        // [x, 1] with linalg.solve) passes, PerSampleGram (xᵀx accumulated row by row in a C# loop) does not.
        SpeedBudget = 5,
        SpeedBudgetCalibration = "reference: centred Gram matrix + Cholesky; the augmented normal equations with linalg.solve pass; accumulating xᵀx one sample at a time does not",
        Forbidden = [.. LinalgJob.Select(name => new ForbiddenApi(name,
            "it solves the least-squares problem for you; this kata is to write the closed form (linalg.solve and cholesky are fine)"))],
        EntryPoints = ["RidgeRegression.Fit"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var fit = ContractBinder.StaticMethod<Func<Tensor, Tensor, double, (Tensor, double)>>(solution, "RidgeRegression", "Fit", FitSignature);
        return c =>
        {
            var (w, b) = fit(c.Input("x"), c.Input("y"), c.Arg<double>("l2"));
            return new Dictionary<string, Tensor> { ["out.weights"] = w, ["out.bias"] = torch.tensor(b, ScalarType.Float64) };
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double[] l2s = [0.01, 1, 100];
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            int d = rng.Next(1, 12), n = rng.Next(1, 200);
            var (x, y) = Sample(rng, n, d);
            double l2 = l2s[rng.Next(l2s.Length)];
            yield return ReferenceCase($"random #{i + 1}", reference, new() { ["x"] = x, ["y"] = y },
                new JsonObject { ["l2"] = l2 }, note: $"random data drawn for this grading (n={n}, d={d}, l2={l2})");
        }
    }

    public override KataCase TimingCase(Random rng)
    {
        // Tall and narrow: forming xᵀx is the work (O(n·d²), ~1 ms for the reference), while a loop over the 8000
        // samples costs 8000 native calls, so a per-sample loop is far outside the budget even on a noisy machine.
        var (x, y) = Sample(rng, 8000, 8);
        return new KataCase("timing", new Dictionary<string, Tensor> { ["x"] = x, ["y"] = y },
            new JsonObject { ["l2"] = 1.0 }, new Dictionary<string, Tensor>());
    }

    /// <summary>Features off-centre (so the intercept matters) and a noisy linear target.</summary>
    private static (Tensor X, Tensor Y) Sample(Random rng, int n, int d)
    {
        var x = RandN(rng, ScalarType.Float64, n, d) + RandN(rng, ScalarType.Float64, d) * 3;
        var y = x.mv(RandN(rng, ScalarType.Float64, d)) + (rng.NextDouble() * 20 - 10) + RandN(rng, ScalarType.Float64, n) * 0.5;
        return (x, y);
    }
}
