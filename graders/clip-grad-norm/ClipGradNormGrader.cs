using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/clip-grad-norm: global-norm clipping of a list of gradients as torch.nn.utils.clip_grad_norm_ — the
/// clipped gradients (<c>out.grads.i</c>) and the total norm (<c>out.totalNorm</c>), float32 and float64.
/// </summary>
public sealed class ClipGradNormGrader : KataGrader
{
    private const string Signature = "public static (Tensor[] Grads, double TotalNorm) ClipGradNorm(Tensor[] grads, double maxNorm, double normType)";
    private const string ClipWhy = "this kata is to write gradient clipping yourself";

    public override KataSpec Spec { get; } = new()
    {
        Slug = "clip-grad-norm",
        // float64: a norm and one multiplication per element are exact to a few ulps whatever the summation order
        // (per-tensor norms then their norm, or one concatenated vector): 1e-10 relative is ~1e5 ulps of margin, while
        // dropping the 1e-6 moves the coefficient by 1e-6 / total (≥ 1.5e-7 on the golden cases that target it).
        Tolerance = new Tolerance(1e-12, 1e-10),
        // float32: expected values are exact answers rounded to float32; a float32 sum of ~10⁴ squares is off by
        // ~1e-6 relative at worst (torch's own float32 is within half of this on the golden float32 case).
        Float32Tolerance = new Tolerance(1e-6, 1e-5),
        // Calibrated on the control and the row-loop mutant in tests/MlKatas.Tests/Mutants/clip-grad-norm, single-threaded
        // libtorch on the shared 2-core machine under load ~15: the reference against itself 1.23× (spread 0.11–2.75), the
        // ConcatenatedNorm control 2.20× (0.12–6.13; a copy of every gradient into one vector), the row loop 206×.
        SpeedBudget = 4,
        SpeedBudgetCalibration = "reference: one vector_norm per tensor, stacked, one multiply per tensor, on 16 float32 " +
            "gradients of a small transformer block (~115 000 elements); the control (concatenate everything, one norm) passes; " +
            "a C# loop over the rows of each gradient is TooSlow",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.utils", ClipWhy),
            new ForbiddenApi("TorchSharp.torch.optim", "optimisers and their helpers are not needed here"),
        ],
        EntryPoints = ["GradClipping.ClipGradNorm"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var clip = ContractBinder.StaticMethod<Func<Tensor[], double, double, (Tensor[], double)>>(solution, "GradClipping", "ClipGradNorm", Signature);
        return c =>
        {
            int count = c.Arg<int>("count");
            var grads = Enumerable.Range(0, count).Select(i => c.Input($"grads.{i}")).ToArray();
            var (clipped, total) = clip(grads, c.Arg<double>("maxNorm"), NormType(c.Args));
            if (clipped is null)
            {
                throw new InvalidOperationException("ClipGradNorm returned a null array of gradients");
            }
            if (clipped.Length != count)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"ClipGradNorm returned {clipped.Length} gradients for {count} inputs: return one clipped gradient per input, in order"));
            }
            var dtype = count > 0 ? grads[0].dtype : ScalarType.Float64;
            var outputs = new Dictionary<string, Tensor> { ["out.totalNorm"] = torch.tensor(total, dtype) };
            for (int i = 0; i < count; i++)
            {
                outputs[$"out.grads.{i}"] = clipped[i];
            }
            return outputs;
        };
    }

    // norm_type is a JSON number, or the string "inf" (JSON has no infinity).
    private static double NormType(JsonObject args)
    {
        var node = args["normType"] ?? throw new InvalidOperationException("the case has no normType argument");
        return node.GetValueKind() == JsonValueKind.String
            ? node.GetValue<string>() == "inf" ? double.PositiveInfinity : throw new InvalidOperationException("normType must be a number or \"inf\"")
            : node.GetValue<double>();
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double[] norms = [2.0, double.PositiveInfinity, 1.0, 3.0];
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            double p = norms[i % norms.Length];
            int count = rng.Next(1, 6);
            double scale = Math.Pow(10, rng.Next(-3, 3));
            var inputs = new Dictionary<string, Tensor>();
            for (int j = 0; j < count; j++)
            {
                long[] shape = Enumerable.Range(0, rng.Next(0, 4)).Select(_ => (long)rng.Next(1, 9)).ToArray();
                inputs[$"grads.{j}"] = RandN(rng, dtype, shape).mul_(scale * (1 + rng.Next(4)));
            }
            // max_norm a fraction or a multiple of the actual total, so that some cases clip and some do not.
            double total = Total(inputs.Values, p);
            double factor = new[] { 0.1, 0.6, 1.5 }[rng.Next(3)];
            var args = new JsonObject
            {
                ["count"] = count,
                ["maxNorm"] = total * factor,
                ["normType"] = double.IsPositiveInfinity(p) ? "inf" : p,
            };
            yield return ExactReferenceCase($"random #{i + 1}", reference, inputs, args, dtype,
                note: string.Create(CultureInfo.InvariantCulture,
                    $"{count} random {dtype.ToString().ToLowerInvariant()} gradients of scale {scale:g}, norm_type {(double.IsPositiveInfinity(p) ? "inf" : p)}, max_norm {factor}× their total norm"));
        }
    }

    private static double Total(IEnumerable<Tensor> grads, double p)
    {
        using var scope = NewDisposeScope();
        var flat = torch.cat(grads.Select(g => g.to_type(ScalarType.Float64).reshape(-1)).ToArray());
        return double.IsPositiveInfinity(p) ? flat.abs().max().item<double>() : flat.abs().pow(p).sum().pow(1 / p).item<double>();
    }

    // The gradients of a small transformer block, float32 (~115 000 elements in 16 tensors, large and tiny; none over
    // 128 KB). Measured at ~1.3 M elements on the loaded shared machine, the concatenating control paid ~2.2× (spread to
    // 4.7×) mostly in fresh multi-megabyte allocations; at this size each solution's cost is its number of tensor calls,
    // and a loop over the rows of each gradient makes ~1 900 of them.
    public override KataCase TimingCase(Random rng)
    {
        long[][] shapes =
        [
            [96, 128], [384], [128, 128], [128], [256, 128], [256], [128, 256], [128],
            [128], [128], [128], [128], [500, 32], [32, 2], [2], [1],
        ];
        var inputs = new Dictionary<string, Tensor>();
        for (int i = 0; i < shapes.Length; i++)
        {
            inputs[$"grads.{i}"] = RandN(rng, ScalarType.Float32, shapes[i]).mul_(0.01f);
        }
        return new KataCase("timing", inputs,
            new JsonObject { ["count"] = shapes.Length, ["maxNorm"] = 1.0, ["normType"] = 2.0 }, new Dictionary<string, Tensor>());
    }
}
