using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/sinusoidal-positional-encoding: the Transformer's sin/cos table for given positions and base.</summary>
public sealed class SinusoidalPositionalEncodingGrader : KataGrader
{
    private const string Signature = "public static Tensor Encode(Tensor positions, int d, double theta)";

    /// <summary>
    /// float64: an angle of ~1e5 rad is itself only good to ~1e-11 in float64 (pow vs exp·log for the frequencies moves it
    /// by as much), so values in [−1, 1] are compared to 1e-9, not to the last ulp.
    /// </summary>
    public static readonly Tolerance Float64Tolerance = new(1e-9, 1e-9);
    /// <summary>float32: expected values are exact sin/cos rounded to float32 (half an ulp, ≤ 6e-8); float32 angles miss by ~1e-3 at 1e5.</summary>
    public static readonly Tolerance Float32Tolerance = new(1e-6, 1e-5);

    /// <inheritdoc />
    public override KataSpec Spec { get; } = new()
    {
        Slug = "sinusoidal-positional-encoding",
        Tolerance = Float64Tolerance,
        Float32Tolerance = Float32Tolerance,
        SpeedBudget = 3,
        SpeedBudgetCalibration = "reference: one [T, ceil(d/2)] float64 angle table, sin and cos, one stack. Measured single-threaded on the timing " +
            "case (2-core machine at load average 15-26, so spreads are wide): the reference against itself 1.06x, the control " +
            "TutorialDivTerm (exp-log frequencies, strided assignment) 0.73x; the loop over positions PerPositionLoop is TooSlow " +
            "at 7.7x",
        EntryPoints = ["SinusoidalPositionalEncoding.Encode"],
    };

    /// <inheritdoc />
    public override KataInvoker Bind(Assembly solution)
    {
        var f = ContractBinder.StaticMethod<Func<Tensor, int, double, Tensor>>(
            solution, "SinusoidalPositionalEncoding", "Encode", Signature);
        return c => new Dictionary<string, Tensor> { ["out"] = f(c.Input("positions"), c.Arg<int>("d"), c.Arg<double>("theta")) };
    }

    /// <inheritdoc />
    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double[] thetas = [10000, 500000, 100];
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            int t = rng.Next(1, 24), d = rng.Next(1, 41);
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            double theta = thetas[rng.Next(thetas.Length)];
            double offset = i < 2 ? 0 : rng.Next(0, 5000);
            // Half the cases continue after a KV cache, one has fractional (interpolated) positions.
            double step = i == 3 ? 0.25 + rng.NextDouble() : 1.0;
            var positions = (torch.arange(t, dtype: ScalarType.Float64) * step + offset).to(dtype);
            yield return ExactReferenceCase($"random #{i + 1}", reference, new Dictionary<string, Tensor> { ["positions"] = positions },
                new JsonObject { ["d"] = d, ["theta"] = theta }, dtype,
                note: FormattableString.Invariant($"random case drawn for this grading (T={t}, d={d}, theta {theta}, positions {offset}, {offset + step:0.###}, …)"));
        }
    }

    /// <summary>
    /// T = 2048, d = 128, float32: 131072 float64 angles, a reference call of a few ms; long in T so that a C# loop over
    /// positions pays its per-call overhead 2048 times.
    /// </summary>
    public override KataCase TimingCase(Random rng) =>
        new("timing", new Dictionary<string, Tensor> { ["positions"] = torch.arange(2048, dtype: ScalarType.Float32) },
            new JsonObject { ["d"] = 128, ["theta"] = 10000.0 }, new Dictionary<string, Tensor>());
}
