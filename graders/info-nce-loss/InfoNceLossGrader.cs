using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/info-nce-loss: SimCLR's NT-Xent and the CLIP-style symmetric InfoNCE against PyTorch (cross_entropy over
/// masked logits), and the gradients autograd takes through the learner's loss with respect to z1 and z2 (out of
/// tolerance: WrongGradient).
/// </summary>
public sealed class InfoNceLossGrader : KataGrader
{
    private const string NtXentSignature = "public static Tensor NtXent(Tensor z1, Tensor z2, double temperature)";
    private const string ClipSignature = "public static Tensor Clip(Tensor z1, Tensor z2, double temperature)";
    private static readonly string[] Views = ["z1", "z2"];

    /// <summary>
    /// float64: a normalised dot product divided by τ and a log-sum-exp over ≤ 2N terms: ~1e-16 relative to the logits,
    /// which reach 1/τ = 1000 in the hardest case (~1e-13); 1e-9 leaves a wide margin there, while every mistake the
    /// mutants make moves the loss by ≥ 1e-3.
    /// </summary>
    public static readonly Tolerance Float64Tolerance = new(1e-9, 1e-9);
    /// <summary>float32: logits up to 100 carry ~1e-5 of rounding; the loss and its gradients are good to ~1e-5.</summary>
    public static readonly Tolerance Float32Tolerance = new(1e-4, 1e-4);

    /// <inheritdoc />
    public override KataSpec Spec { get; } = new()
    {
        Slug = "info-nce-loss",
        Tolerance = Float64Tolerance,
        Float32Tolerance = Float32Tolerance,
        // Calibrated on tests/MlKatas.Tests/Mutants/info-nce-loss on the shared 2-core machine under load ~20 (libtorch
        // single-threaded). At [256, 128]: ExplicitLogSumExp 1.15× (spread 0.85–1.30), PerAnchorLoop 18.8×; the timing
        // case was then shrunk to [128, 64] (an 8× smaller matmul, half the anchors) to keep the self-tests short, where
        // (load ~17) ExplicitLogSumExp measured 1.48× (spread 1.06–2.19) and PerAnchorLoop 16.1×.
        SpeedBudget = 3,
        SpeedBudgetCalibration = "reference: one [2N, 2N] similarity matmul, a −∞-masked diagonal and cross_entropy, forward + autograd " +
            "backward on float32 z1, z2 [128, 64]; a hand-written max-shifted log-sum-exp passes (ExplicitLogSumExp, 1.48×); " +
            "a C# loop over the 2N anchors is TooSlow (PerAnchorLoop, 16.1×)",
        EntryPoints = ["InfoNce.NtXent", "InfoNce.Clip"],
    };

    /// <inheritdoc />
    public override KataInvoker Bind(Assembly solution)
    {
        var ntXent = ContractBinder.StaticMethod<Func<Tensor, Tensor, double, Tensor>>(solution, "InfoNce", "NtXent", NtXentSignature);
        var clip = ContractBinder.StaticMethod<Func<Tensor, Tensor, double, Tensor>>(solution, "InfoNce", "Clip", ClipSignature);
        return c =>
        {
            using var grad = LossGradients.EnableGrad();
            var z = LossGradients.Leaves(c, Views);
            var f = c.Entry == "Clip" ? clip : ntXent;
            var loss = f(z["z1"], z["z2"], c.Arg<double>("temperature"));
            var outputs = new Dictionary<string, Tensor> { ["out"] = loss?.detach()! };
            LossGradients.Add(outputs, loss, z, Views);
            return outputs;
        };
    }

    /// <inheritdoc />
    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double[] temperatures = [0.05, 0.1, 0.2, 0.5];
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            string entry = i < 2 ? "NtXent" : "Clip";
            long n = rng.Next(2, 17), d = rng.Next(2, 33);
            double tau = temperatures[rng.Next(temperatures.Length)];
            // Two noisy views of the same items, rows scaled by up to 1e2 either way (only directions count).
            var items = RandN(rng, ScalarType.Float64, n, d);
            var z1 = (items + RandN(rng, ScalarType.Float64, n, d) * 0.5) * Scales(rng, n);
            var z2 = (items + RandN(rng, ScalarType.Float64, n, d) * 0.5) * Scales(rng, n);
            items.Dispose();
            var inputs = new Dictionary<string, Tensor> { ["z1"] = z1.to_type(dtype), ["z2"] = z2.to_type(dtype) };
            z1.Dispose();
            z2.Dispose();
            yield return ExactReferenceCase($"random #{i + 1}", reference, inputs, new JsonObject { ["temperature"] = tau }, dtype,
                entry: entry, note: $"{entry}: random {(dtype == ScalarType.Float64 ? "float64" : "float32")} views [{n}, {d}] drawn for this grading, temperature {tau}");
        }
    }

    // 10^U(−2, 2) per row.
    private static Tensor Scales(Random rng, long n) => Rand(rng, ScalarType.Float64, n, 1).mul_(4).sub_(2).mul_(Math.Log(10)).exp_();

    /// <summary>
    /// NT-Xent on float32 [128, 64] views, forward and autograd backward: a [256, 256] similarity matmul, a few ms for
    /// the reference single-threaded; a loop over the 256 anchors makes thousands of small tensor calls.
    /// </summary>
    public override KataCase TimingCase(Random rng) =>
        new("timing", new Dictionary<string, Tensor>
        {
            ["z1"] = RandN(rng, ScalarType.Float32, 128, 64),
            ["z2"] = RandN(rng, ScalarType.Float32, 128, 64),
        }, new JsonObject { ["temperature"] = 0.1 }, new Dictionary<string, Tensor>()) { Entry = "NtXent" };
}
