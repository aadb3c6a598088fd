using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/soft-margin-svm: the kernel SVM dual solved to a KKT gap of 1e-8. The dual coefficients are not unique
/// (duplicated points share theirs), so they are graded through their constraints; the decision function and the bias,
/// which are unique, are graded by value.
/// </summary>
public sealed class SoftMarginSvmGrader : KataGrader
{
    private const string FitSignature =
        "public static SvmResult Fit(Tensor x, Tensor y, Tensor queries, double c, string kernel, double gamma)";

    /// <summary>Slack of the dual constraints 0 ≤ α ≤ C and Σ αᵢyᵢ = 0, relative to max(1, C): rounding only.</summary>
    public const double ConstraintSlack = 1e-9;

    public override KataSpec Spec { get; } = new()
    {
        Slug = "soft-margin-svm",
        // Tied to the statement's stopping rule (maximal KKT violation ≤ 1e-8): SMO with first- and second-order pair
        // selection, stopped at a 1e-8 gap on six random problems (n = 40…300, linear and RBF, C = 0.1…100), gave
        // decision values within 3.1e-8 of the exact optimum (1e-6 gap: 3.2e-6; libsvm's default 1e-3: 2.6e-3).
        // 1e-6 leaves a factor 30 for other solvers and rounding, and still rejects a libsvm-default stop by ~1000×.
        Tolerance = new Tolerance(1e-6, 1e-6),
        // Calibrated on the controls and the slow mutant in tests/MlKatas.Tests/Mutants/soft-margin-svm (ratios measured on the
        // 2-core machine at load ~18, timing case n=100 and n=60): FirstOrderSmo (maximal violating pair, ~2.5× the
        // reference's steps, sets rebuilt with torch.where each step) 1.55–2.40×; ArraySmo (the SMO loop on double[])
        // 0.03–0.09×; PerElementKernel (kernel filled element by element) 10–22×. 5× sits between them.
        SpeedBudget = 5,
        SpeedBudgetCalibration = "reference: SMO with second-order pair selection, a few tensor ops per step; first-order SMO (1.6–2.4×) and a double[] SMO (0.03–0.09×) pass; a kernel filled element by element (10–22×) does not",
        EntryPoints = ["SoftMarginSvm.Fit"],
    };

    /// <summary>The tolerance of the constraint outputs of a case with box constraint <paramref name="c"/>.</summary>
    public static Tolerance ConstraintTolerance(double c) => new(ConstraintSlack * Math.Max(1, c), 0);

    public override Tolerance ToleranceFor(KataCase kataCase, string output, Tensor expected)
    {
        ArgumentNullException.ThrowIfNull(kataCase);
        return kataCase.ToleranceOverride ?? (output is "out.alpha_box_violation" or "out.alpha_y_sum"
            ? ConstraintTolerance(kataCase.Arg<double>("c"))
            : Spec.Tolerance);
    }

    public override KataInvoker Bind(Assembly solution)
    {
        var fit = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, double, string, double, object>>(
            solution, "SoftMarginSvm", "Fit", FitSignature);
        return kataCase =>
        {
            double c = kataCase.Arg<double>("c");
            var y = kataCase.Input("y");
            object result = fit(kataCase.Input("x"), y, kataCase.Input("queries"), c, kataCase.Arg<string>("kernel"),
                kataCase.Arg<double>("gamma")) ?? throw new ContractMismatchException("Fit returned null instead of an SvmResult");
            var alpha = ContractBinder.Property<Tensor>(result, "Alpha");
            // The dual coefficients are graded through what the optimum makes certain: each αᵢ in [0, C] (how far out
            // of the box, per element, in α's own shape and dtype) and Σ αᵢyᵢ = 0.
            var boxViolation = alpha.neg().clamp_min(0) + (alpha - c).clamp_min(0);
            var alphaYSum = alpha.shape.SequenceEqual(y.shape)
                ? (alpha.to_type(ScalarType.Float64) * y).sum()
                : torch.tensor(double.NaN, ScalarType.Float64);
            return new Dictionary<string, Tensor>
            {
                ["out.decision"] = ContractBinder.Property<Tensor>(result, "Decision"),
                ["out.bias"] = torch.tensor(ContractBinder.Property<double>(result, "Bias"), ScalarType.Float64),
                ["out.alpha_box_violation"] = boxViolation,
                ["out.alpha_y_sum"] = alphaYSum,
                [AlphaDiagnostic] = alpha, // not graded (no case expects it): RandomCases reads the reference's α
            };
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double[] cs = [0.1, 1, 10];
        double[] gammas = [0.1, 0.5, 2];
        int redraws = 0;
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            int n = rng.Next(8, 80), d = rng.Next(1, 5);
            bool rbf = i % 2 == 1;
            var (x, y) = Sample(rng, n, d, rbf);
            var queries = RandN(rng, ScalarType.Float64, 20, d) * 1.5;
            double c = cs[rng.Next(cs.Length)], gamma = rbf ? gammas[rng.Next(gammas.Length)] : 0;
            var drawn = ReferenceCase($"random #{i + 1}", reference,
                new() { ["x"] = x, ["y"] = y, ["queries"] = queries },
                new JsonObject { ["c"] = c, ["kernel"] = rbf ? "rbf" : "linear", ["gamma"] = gamma },
                note: string.Create(CultureInfo.InvariantCulture,
                    $"random {(rbf ? "RBF" : "linear")} data drawn for this grading (n={n}, d={d}, C={c:g}{(rbf ? $", gamma={gamma:g}" : "")})"));
            using (var alpha = drawn.Expected[AlphaDiagnostic])
            {
                if (BiasIsAmbiguous(x, y, alpha, drawn.Expected["out.bias"].item<double>(), c, rbf, gamma) && redraws++ < 20)
                {
                    drawn.Dispose();
                    i--;
                    continue;
                }
            }
            yield return new KataCase(drawn.Name, drawn.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value), drawn.Args,
                drawn.Expected.Where(kv => kv.Key != AlphaDiagnostic).ToDictionary(kv => kv.Key, kv => kv.Value))
            {
                Source = drawn.Source,
                Hidden = drawn.Hidden,
                Note = drawn.Note,
            };
        }
    }

    private const string AlphaDiagnostic = "diag.alpha";

    /// <summary>
    /// Whether the bias of a solved case hangs on a point that sits on the margin with αᵢ at a bound (0 or C) up to
    /// rounding. Such a point is free or bound depending on the last bit of αᵢ, and the statement's two bias rules (the
    /// mean over free support vectors, else the midpoint of the KKT interval) then give different answers — both right.
    /// Seen in a random linear case (n = 60, d = 1, C = 1): αᵢ = C − 2e-16 on the margin; the reference called it free
    /// (b = −0.418, as scikit-learn), two other correct SMOs bound (b = −0.094) and a third failed the case too. Random cases like that are redrawn.
    /// Also ambiguous: no free support vector at all and a KKT interval wider than the tolerance. The midpoint rule then
    /// hangs on the points at the interval's ends: a solver that leaves one of them at α = 1e-16 instead of 0 (rounding
    /// in the two-variable step) has made it free, and its v is then the bias. Seen in CI (seed 1725453396, n = 14,
    /// d = 1, C = 1): reference b = −0.769 (midpoint of [−0.826, −0.712]), the first-order control b = −0.712 with
    /// αᵢ = 1.1e-16. Such cases were ~8 % of random draws and failed the control in 3 of 300 seeded gradings; the
    /// midpoint rule keeps its own golden case, where the one step lands exactly on C.
    /// </summary>
    private static bool BiasIsAmbiguous(Tensor x, Tensor y, Tensor alpha, double bias, double c, bool rbf, double gamma)
    {
        using var scope = torch.NewDisposeScope();
        var a = alpha.to_type(ScalarType.Float64);
        var k = rbf ? torch.cdist(x, x).pow(2).mul(-gamma).exp() : x.matmul(x.t());
        var margin = y * (k.matmul(a * y) + bias);
        double edge = 1e-6 * c;
        var atBound = a.le(edge).logical_or(a.ge(c - edge));
        var onMargin = (margin - 1).abs().lt(1e-5);
        if (atBound.logical_and(onMargin).any().item<bool>())
        {
            return true;
        }
        var free = a.gt(0).logical_and(a.lt(c));
        if (free.any().item<bool>())
        {
            return false;
        }
        var v = y - k.matmul(a * y);
        var positive = y.gt(0);
        var up = torch.where(positive, a.lt(c), a.gt(0));
        var low = torch.where(positive, a.gt(0), a.lt(c));
        double width = v.masked_select(low).min().item<double>() - v.masked_select(up).max().item<double>();
        return width > 1e-6;
    }

    public override KataCase TimingCase(Random rng)
    {
        // Small on purpose: the reference takes ~100 SMO steps here (a few ms when the machine is idle); a kernel filled
        // element by element already costs 7200 native calls per Fit, ~15× the reference.
        var (x, y) = Sample(rng, 60, 2, rbf: true);
        var queries = RandN(rng, ScalarType.Float64, 60, 2);
        return new KataCase("timing", new Dictionary<string, Tensor> { ["x"] = x, ["y"] = y, ["queries"] = queries },
            new JsonObject { ["c"] = 1.0, ["kernel"] = "rbf", ["gamma"] = 1.0 }, new Dictionary<string, Tensor>());
    }

    /// <summary>Overlapping classes: a noisy linear rule, or for RBF a noisy ring; both labels always present.</summary>
    private static (Tensor X, Tensor Y) Sample(Random rng, int n, int d, bool rbf)
    {
        var x = RandN(rng, ScalarType.Float64, n, d);
        var noise = RandN(rng, ScalarType.Float64, n) * 0.5;
        var score = rbf
            ? x.pow(2).sum(dim: 1) - d + noise
            : x.matmul(RandN(rng, ScalarType.Float64, d)) + noise;
        var y = score.gt(0).to_type(ScalarType.Float64).mul_(2).sub_(1);
        y[0] = 1.0;
        y[1] = -1.0;
        return (x, y);
    }
}
