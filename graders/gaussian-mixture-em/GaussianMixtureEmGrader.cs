using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/gaussian-mixture-em: EM for a diagonal Gaussian mixture from given parameters, a fixed number of steps.</summary>
public sealed class GaussianMixtureEmGrader : KataGrader
{
    private const string FitSignature =
        "public static GmmResult Fit(Tensor x, Tensor weights, Tensor means, Tensor variances, int iterations, double regCovar)";

    public override KataSpec Spec { get; } = new()
    {
        Slug = "gaussian-mixture-em",
        // A second, per-point math.fsum implementation agrees with the vectorised numpy golden values to ≤ 3.6e-12
        // relative (the offset-3e5 case; ≤ 2.2e-15 elsewhere, over up to 30 EM steps); the reference is a third
        // independent implementation. 1e-9 leaves room for summation order, while the mistakes (old means,
        // unnormalised responsibilities, no regCovar, one-pass variances at offset 3e5) are off by ≥ 10× the tolerance.
        Tolerance = new Tolerance(1e-9, 1e-9),
        // Calibrated on tests/MlKatas.Tests/Mutants/gaussian-mixture-em on the timing case (n=1000, d=4, K=4,
        // 5 iterations), single-threaded on a loaded 2-core machine: the ComponentLoop control (a loop over the K
        // components, each vectorised over the points) measured 1.56× (spread 1.26–3.36), the PerPointLoop mutant (the
        // E-step one point at a time) 79.6×.
        SpeedBudget = 5,
        SpeedBudgetCalibration = "reference: one broadcast [n, K, d] per E- and M-step, logsumexp; a loop over the K components passes; a loop over the points does not",
        EntryPoints = ["GaussianMixture.Fit"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var fit = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor, int, double, object>>(solution, "GaussianMixture", "Fit", FitSignature);
        return c =>
        {
            object result = fit(c.Input("x"), c.Input("weights"), c.Input("means"), c.Input("variances"), c.Arg<int>("iterations"), c.Arg<double>("regCovar"))
                ?? throw new ContractMismatchException("Fit returned null instead of a GmmResult");
            return new Dictionary<string, Tensor>
            {
                ["out.weights"] = ContractBinder.Property<Tensor>(result, "Weights"),
                ["out.means"] = ContractBinder.Property<Tensor>(result, "Means"),
                ["out.variances"] = ContractBinder.Property<Tensor>(result, "Variances"),
                ["out.responsibilities"] = ContractBinder.Property<Tensor>(result, "Responsibilities"),
                ["out.logLikelihoods"] = ContractBinder.Property<Tensor>(result, "LogLikelihoods"),
            };
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        // No regCovar = 0 here (golden case 08 has it): a component that collapses onto one drawn point would reach a
        // variance of exactly 0 and NaN, where two correct implementations need not produce the same non-finite values.
        double[] regs = [1e-6, 1e-3];
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            int k = rng.Next(1, 5), d = rng.Next(1, 6), n = rng.Next(20, 160);
            int iterations = i == 0 ? rng.Next(0, 3) : rng.Next(3, 16);
            double reg = regs[rng.Next(regs.Length)];
            var (x, w, mu, v) = Problem(rng, n, d, k);
            yield return ReferenceCase($"random #{i + 1}", reference,
                new() { ["x"] = x, ["weights"] = w, ["means"] = mu, ["variances"] = v },
                new JsonObject { ["iterations"] = iterations, ["regCovar"] = reg },
                note: $"random blobs drawn for this grading (n={n}, d={d}, K={k}, iterations={iterations}, regCovar={reg:g}; initial means at K data points)");
        }
    }

    public override KataCase TimingCase(Random rng)
    {
        // A few ms for the reference single-threaded; a per-point E-step makes ~1000 × 6 × 5 small tensor calls per call.
        var (x, w, mu, v) = Problem(rng, 1000, 4, 4);
        return new KataCase("timing", new Dictionary<string, Tensor> { ["x"] = x, ["weights"] = w, ["means"] = mu, ["variances"] = v },
            new JsonObject { ["iterations"] = 5, ["regCovar"] = 1e-6 }, new Dictionary<string, Tensor>());
    }

    /// <summary>Blobs with per-feature scales; the initial means are k distinct data points, the weights positive and normalised.</summary>
    private static (Tensor X, Tensor Weights, Tensor Means, Tensor Variances) Problem(Random rng, int n, int d, int k)
    {
        using var gen = new Generator((ulong)rng.NextInt64(1, long.MaxValue));
        using var centres = RandN(rng, ScalarType.Float64, k, d).mul_(4);
        using var which = torch.randint(0, k, [n], generator: gen);
        using var scales = Rand(rng, ScalarType.Float64, k, d).add_(0.5);
        var x = centres.index_select(0, which).add_(RandN(rng, ScalarType.Float64, n, d).mul_(scales.index_select(0, which)));
        var means = x.index_select(0, torch.randperm(n, generator: gen)[..k]);
        using var raw = Rand(rng, ScalarType.Float64, k).add_(0.5);
        var weights = raw / raw.sum();
        var variances = Rand(rng, ScalarType.Float64, k, d).mul_(2).add_(0.5);
        return (x, weights, means, variances);
    }
}
