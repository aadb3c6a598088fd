using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/cross-entropy-loss: PyTorch's cross_entropy from logits with label smoothing, ignore_index and mean reduction.</summary>
public sealed class CrossEntropyLossGrader : KataGrader
{
    private const string Signature = "public static Tensor Loss(Tensor logits, Tensor targets, double labelSmoothing, long ignoreIndex)";

    /// <summary>float64: a mean of stable log-softmax terms is accurate to ~1e-15 relative; 1e-10 tolerates any summation order.</summary>
    public static readonly Tolerance Float64Tolerance = new(1e-10, 1e-10);
    /// <summary>float32: the expected loss is the exact (float64) one rounded to float32; float32 arithmetic is ~1e-6 relative (measured: torch's own float32 is within half of this).</summary>
    public static readonly Tolerance Float32Tolerance = new(1e-5, 1e-5);

    private const string Why = "this kata is to write the cross-entropy yourself";

    public override KataSpec Spec { get; } = new()
    {
        Slug = "cross-entropy-loss",
        Tolerance = Float64Tolerance,
        Float32Tolerance = Float32Tolerance,
        // Calibrated on the controls in tests/MlKatas.Tests/Mutants/cross-entropy-loss, on the shared 2-core machine under
        // load ~15. At [4096, 512] the smoothed one-hot control measured 1.08× but the per-row C# loop only 3.4×: with
        // 512 classes the vectorised work per row hides the loop's per-row overhead. The timing case is therefore
        // [1024, 128] (per-row overhead weighs ~16× more against the vectorised work; see TimingCase).
        SpeedBudget = 3,
        SpeedBudgetCalibration = "reference: stable log-softmax, one gather, one mean over classes, masked mean, on float32 [1024, 128]; " +
            "a smoothed one-hot target distribution (q · log p) with the library log_softmax passes (~1×); a C# loop over rows is TooSlow",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.functional.cross_entropy", Why),
            new ForbiddenApi("TorchSharp.torch.nn.functional.nll_loss", Why),
            new ForbiddenApi("TorchSharp.torch.nn.CrossEntropyLoss", Why),
            new ForbiddenApi("TorchSharp.torch.nn.NLLLoss", Why),
            new ForbiddenApi("TorchSharp.Modules.CrossEntropyLoss", Why),
            new ForbiddenApi("TorchSharp.Modules.NLLLoss", Why),
        ],
        EntryPoints = ["CrossEntropy.Loss"],
    };


    public override KataInvoker Bind(Assembly solution)
    {
        var loss = ContractBinder.StaticMethod<Func<Tensor, Tensor, double, long, Tensor>>(solution, "CrossEntropy", "Loss", Signature);
        return c => new Dictionary<string, Tensor>
        {
            ["out"] = loss(c.Input("logits"), c.Input("targets"), c.Arg<double>("labelSmoothing"), c.Arg<long>("ignoreIndex")),
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double[] smoothings = [0.0, 0.05, 0.1, 0.3];
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            int n = rng.Next(1, 40), c = rng.Next(1, 12);
            double eps = smoothings[rng.Next(smoothings.Length)];
            // Half the cases ignore PyTorch's default -100, half a real class (a padding token).
            long ignoreIndex = i / 2 % 2 == 0 ? -100 : rng.Next(0, c);
            double scale = dtype == ScalarType.Float64 ? new[] { 1.0, 5.0, 500.0 }[rng.Next(3)] : new[] { 1.0, 5.0, 50.0 }[rng.Next(3)];
            var (logits, targets) = Sample(rng, dtype, n, c, scale, ignoreIndex);
            var args = new JsonObject { ["labelSmoothing"] = eps, ["ignoreIndex"] = ignoreIndex };
            // Expected values of float32 cases: the exact (float64) loss rounded to float32, as in the golden cases.
            yield return ExactReferenceCase($"random #{i + 1}", reference, new() { ["logits"] = logits, ["targets"] = targets }, args, dtype,
                note: string.Create(CultureInfo.InvariantCulture,
                    $"random {dtype.ToString().ToLowerInvariant()} logits of scale {scale}, labelSmoothing {eps}, ignoreIndex {ignoreIndex}, drawn for this grading"));
        }
    }

    // A batch of 1024 tokens over 128 classes, float32, ~20% padding: one reference call is about a ms, and a loop over
    // the rows costs ~1024 × 8 tensor-op calls (tens of ms; TooSlow is confirmed in a few seconds).
    public override KataCase TimingCase(Random rng)
    {
        var (logits, targets) = Sample(rng, ScalarType.Float32, 1024, 128, 3.0, -100);
        return new KataCase("timing", new Dictionary<string, Tensor> { ["logits"] = logits, ["targets"] = targets },
            new JsonObject { ["labelSmoothing"] = 0.1, ["ignoreIndex"] = -100L }, new Dictionary<string, Tensor>());
    }

    /// <summary>Normal logits of the given scale and uniform targets, about one in five replaced by <paramref name="ignoreIndex"/>.</summary>
    private static (Tensor Logits, Tensor Targets) Sample(Random rng, ScalarType dtype, long n, long c, double scale, long ignoreIndex)
    {
        var logits = RandN(rng, dtype, n, c).mul_(scale);
        using var gen = new Generator((ulong)rng.NextInt64(1, long.MaxValue));
        var targets = torch.randint(0, c, [n], generator: gen);
        using var ignored = Rand(rng, ScalarType.Float64, n).lt(0.2);
        return (logits, targets.masked_fill_(ignored, ignoreIndex));
    }
}
