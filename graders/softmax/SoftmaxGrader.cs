using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/softmax: numerically stable softmax and log-softmax over any dim, float32 and float64.</summary>
public sealed class SoftmaxGrader : KataGrader
{
    private const string SoftmaxSignature = "public static Tensor Softmax(Tensor x, long dim)";
    private const string LogSoftmaxSignature = "public static Tensor LogSoftmax(Tensor x, long dim)";
    private const string BothEntries = "Softmax+LogSoftmax";

    /// <summary>
    /// float64: softmax is accurate to a few ulps; log-softmax x − m − log s loses ~ulp(|m|) absolutely, so atol 1e-10
    /// covers any summation order and the logsumexp formulation for logits up to |x| ~ 1e5.
    /// </summary>
    public static readonly Tolerance Float64Tolerance = new(1e-10, 1e-10);
    /// <summary>
    /// float32: expected values are exact (float64) answers rounded to float32; a float32 computation loses
    /// ~ulp(|logit|) ≈ 6e-6 at |logit| = 100 in log-softmax (measured: torch's own float32 is within half of this).
    /// </summary>
    public static readonly Tolerance Float32Tolerance = new(1e-5, 1e-5);

    private static readonly string[] Forbidden =
    [
        "TorchSharp.torch.softmax", "TorchSharp.torch.Tensor.softmax", "TorchSharp.torch.Tensor.log_softmax",
        "TorchSharp.torch.nn.functional.softmax", "TorchSharp.torch.nn.functional.log_softmax",
        "TorchSharp.torch.nn.functional.softmin", "TorchSharp.torch.nn.functional.softmax2d",
        "TorchSharp.torch.special.softmax", "TorchSharp.torch.special.log_softmax",
        "TorchSharp.torch.nn.Softmax", "TorchSharp.torch.nn.LogSoftmax", "TorchSharp.torch.nn.Softmin", "TorchSharp.torch.nn.Softmax2d",
        "TorchSharp.Modules.Softmax", "TorchSharp.Modules.LogSoftmax", "TorchSharp.Modules.Softmin", "TorchSharp.Modules.Softmax2d",
        "TorchSharp.torch.distributions.transforms.SoftmaxTransform",
    ];

    public override KataSpec Spec { get; } = new()
    {
        Slug = "softmax",
        Tolerance = Float64Tolerance,
        Float32Tolerance = Float32Tolerance,
        // Calibrated on the controls in tests/MlKatas.Tests/Mutants/softmax, measured on the shared 2-core machine under
        // load 14-19 (ratios compress under load: libtorch's multi-threaded kernels suffer most). At [32, 512, 64]:
        // axis moved last and back 1.95×, log-softmax first then exp 2.36× (spread to 4.1), a C# loop over slices 8.3×.
        // At [16, 128, 64]: the two controls 1.22× and 2.83×, the loop only 3.95×. Hence the budget of 4× (the
        // log-softmax-first control needs it) and a timing case of 2048 short slices, [32, 64, 64], where the loop's
        // per-slice overhead dominates.
        SpeedBudget = 4,
        SpeedBudgetCalibration = "reference: amax/sub/exp/sum per call on a float32 [32, 64, 64] tensor over the middle dim " +
            "(both entry points); controls (log-softmax first then exp; move the axis last and back) ~2×; a C# loop over slices is TooSlow",
        Forbidden =
        [
            .. Forbidden.Select(name => new ForbiddenApi(name, "this kata is to write the softmax yourself")),
            new ForbiddenApi("TorchSharp.torch.logsumexp", "logsumexp is the max-shift trick this kata asks you to write"),
            new ForbiddenApi("TorchSharp.torch.Tensor.logsumexp", "logsumexp is the max-shift trick this kata asks you to write"),
        ],
        EntryPoints = ["StableSoftmax.Softmax", "StableSoftmax.LogSoftmax"],
    };


    public override KataInvoker Bind(Assembly solution)
    {
        var softmax = ContractBinder.StaticMethod<Func<Tensor, long, Tensor>>(solution, "StableSoftmax", "Softmax", SoftmaxSignature);
        var logSoftmax = ContractBinder.StaticMethod<Func<Tensor, long, Tensor>>(solution, "StableSoftmax", "LogSoftmax", LogSoftmaxSignature);
        return c =>
        {
            var x = c.Input("x");
            long dim = c.Arg<long>("dim");
            return c.Entry switch
            {
                "LogSoftmax" => new Dictionary<string, Tensor> { ["out"] = logSoftmax(x, dim) },
                BothEntries => new Dictionary<string, Tensor> { ["out"] = softmax(x, dim), ["out.log"] = logSoftmax(x, dim) },
                _ => new Dictionary<string, Tensor> { ["out"] = softmax(x, dim) },
            };
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            string entry = i / 2 % 2 == 0 ? "Softmax" : "LogSoftmax";
            int rank = rng.Next(1, 5);
            long[] shape = Enumerable.Range(0, rank).Select(_ => (long)rng.Next(1, 9)).ToArray();
            long dim = rng.Next(-rank, rank);
            // Logit scales up to 300 in float64 (past exp's overflow at 709 once spread) and 30 in float32 (past 88.7).
            double scale = dtype == ScalarType.Float64 ? new[] { 1.0, 20.0, 300.0 }[rng.Next(3)] : new[] { 1.0, 10.0, 30.0 }[rng.Next(3)];
            var x = RandN(rng, dtype, shape).mul_(scale);
            // Expected values of float32 cases: the exact (float64) answer rounded to float32, as in the golden cases.
            yield return ExactReferenceCase($"random #{i + 1}", reference, new() { ["x"] = x }, new JsonObject { ["dim"] = dim }, dtype,
                entry, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"random {dtype.ToString().ToLowerInvariant()} logits of scale {scale} drawn for this grading"));
        }
    }

    // Both entry points on a float32 [32, 64, 64] tensor over the middle dim: one reference call is about a ms, a
    // solution that moves the axis last (movedim + contiguous) pays its copies but stays inside the budget, and a loop
    // over the 2048 slices costs ~2048 × 14 tensor-op calls (tens of ms; TooSlow is confirmed in a few seconds).
    public override KataCase TimingCase(Random rng) =>
        new("timing", new Dictionary<string, Tensor> { ["x"] = RandN(rng, ScalarType.Float32, 32, 64, 64).mul_(5) },
            new JsonObject { ["dim"] = 1L }, new Dictionary<string, Tensor>()) { Entry = BothEntries };
}
