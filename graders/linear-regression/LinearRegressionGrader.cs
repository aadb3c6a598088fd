using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/linear-regression: exact least squares with an intercept, and batch gradient descent.</summary>
public sealed class LinearRegressionGrader : KataGrader
{
    private const string FitSignature = "public static (Tensor Weights, double Bias) Fit(Tensor x, Tensor y)";
    private const string GdSignature =
        "public static (Tensor Weights, double Bias) FitGradientDescent(Tensor x, Tensor y, double learningRate, int steps)";

    /// <summary>
    /// Tolerance of FitGradientDescent: the statement fixes every operation of every step, so only the order of
    /// summation differs (~1e-16 relative per step, not amplified on the stable cases, carried along on the growing one).
    /// </summary>
    public static readonly Tolerance GradientDescentTolerance = new(1e-10, 1e-10);

    private static readonly string[] LinalgJob = ["TorchSharp.torch.linalg.lstsq", "TorchSharp.torch.linalg.pinv", "TorchSharp.torch.pinverse", "TorchSharp.torch.Tensor.pinverse"];

    public override KataSpec Spec { get; } = new()
    {
        Slug = "linear-regression",
        // A backward-stable solve (QR, or normal equations after centring) is accurate to ~cond·1e-16: ≤ 1e-12 on every
        // case here. 1e-8 accepts any such method and rejects the raw normal equations of [x, 1] on the offset case
        // (measured off by 1.8e-3 there).
        Tolerance = new Tolerance(1e-8, 1e-8),
        // Calibrated on tests/MlKatas.Tests/Mutants/linear-regression: CentredNormalEquations (gradient descent on the
        // augmented [x, 1] with θ = [w; b]) passes; PerSampleGradient (the gradient summed one sample at a time) does not.
        SpeedBudget = 5,
        SpeedBudgetCalibration = "reference: gradient descent with two matrix-vector products per step; the same on the augmented design [x, 1] passes; a per-sample gradient loop does not",
        Forbidden = [.. LinalgJob.Select(name => new ForbiddenApi(name,
            "it solves the whole least-squares problem; this kata is to set it up yourself (linalg.solve, cholesky and qr are fine)"))],
        EntryPoints = ["LinearRegression.Fit", "LinearRegression.FitGradientDescent"],
    };

    public override Tolerance ToleranceFor(KataCase kataCase, string output, Tensor expected)
    {
        ArgumentNullException.ThrowIfNull(kataCase);
        return kataCase.ToleranceOverride ?? (EntryOf(kataCase) == "FitGradientDescent" ? GradientDescentTolerance : Spec.Tolerance);
    }

    public override KataInvoker Bind(Assembly solution)
    {
        var fit = ContractBinder.StaticMethod<Func<Tensor, Tensor, (Tensor, double)>>(solution, "LinearRegression", "Fit", FitSignature);
        var gd = ContractBinder.StaticMethod<Func<Tensor, Tensor, double, int, (Tensor, double)>>(
            solution, "LinearRegression", "FitGradientDescent", GdSignature);
        return c =>
        {
            var (w, b) = EntryOf(c) == "FitGradientDescent"
                ? gd(c.Input("x"), c.Input("y"), c.Arg<double>("learningRate"), c.Arg<int>("steps"))
                : fit(c.Input("x"), c.Input("y"));
            return new Dictionary<string, Tensor> { ["out.weights"] = w, ["out.bias"] = torch.tensor(b, ScalarType.Float64) };
        };
    }

    private static string EntryOf(KataCase c) => c.Entry ?? (c.Args.ContainsKey("steps") ? "FitGradientDescent" : "Fit");

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            bool gd = i % 2 == 1;
            // Gradient-descent cases stay small (n < 120, ≤ 80 steps) so that even a wrong update (a summed gradient is
            // n times too large) stays finite and is reported as a wrong answer rather than an overflow.
            int d = rng.Next(1, 8), n = rng.Next(d + 2, gd ? 120 : 300);
            var (x, y) = Sample(rng, n, d);
            yield return gd
                ? ReferenceCase($"random #{i + 1}", reference, new() { ["x"] = x, ["y"] = y },
                    new JsonObject { ["learningRate"] = 0.05 + rng.NextDouble() * 0.15, ["steps"] = rng.Next(1, 81) },
                    entry: "FitGradientDescent", note: $"random gradient descent drawn for this grading (n={n}, d={d})")
                : ReferenceCase($"random #{i + 1}", reference, new() { ["x"] = x, ["y"] = y }, new JsonObject(),
                    entry: "Fit", note: $"random data drawn for this grading (n={n}, d={d})");
        }
    }

    public override KataCase TimingCase(Random rng)
    {
        // Gradient descent is where time is wasted (a loop over samples inside the loop over steps); 60 steps on
        // n=200 cost the reference a few ms.
        var (x, y) = Sample(rng, 200, 8);
        return new KataCase("timing", new Dictionary<string, Tensor> { ["x"] = x, ["y"] = y },
            new JsonObject { ["learningRate"] = 0.1, ["steps"] = 60 }, new Dictionary<string, Tensor>()) { Entry = "FitGradientDescent" };
    }

    /// <summary>Features with uneven scales and a noisy linear target with an intercept.</summary>
    private static (Tensor X, Tensor Y) Sample(Random rng, int n, int d)
    {
        var x = RandN(rng, ScalarType.Float64, n, d) + RandN(rng, ScalarType.Float64, d) * 0.5;
        var w = RandN(rng, ScalarType.Float64, d);
        var y = x.mv(w) + (rng.NextDouble() * 10 - 5) + RandN(rng, ScalarType.Float64, n) * 0.3;
        return (x, y);
    }
}
