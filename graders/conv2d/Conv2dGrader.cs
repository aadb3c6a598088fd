using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/conv2d: PyTorch's conv2d (cross-correlation) with stride, padding, dilation and groups, written by hand
/// (im2col by strided indexing and a matmul), against torch's F.conv2d in the golden cases.
/// </summary>
public sealed class Conv2dGrader : KataGrader
{
    private const string Signature = "public static Tensor Forward(Tensor x, Tensor weight, Tensor? bias, (long H, long W) stride, " +
        "(long H, long W) padding, (long H, long W) dilation, long groups)";
    private const string ConvWhy = "this kata is to write the convolution yourself";
    private const string UnfoldWhy = "unfold is im2col itself, the heart of this kata: build the columns by strided indexing";

    /// <summary>
    /// float64: each output is a sum of C_in/groups·kH·kW products; summation order changes it by ~1e-16 of the summed
    /// terms' magnitude, ~1e-12 on the large-offset case (terms of 1e4 cancelling to O(1)). 1e-9 keeps ~1000× margin
    /// there, while float32 arithmetic inside a float64 case is off by ~1e-3.
    /// </summary>
    public static readonly Tolerance Float64Tolerance = new(1e-9, 1e-9);
    /// <summary>float32: expected values are exact answers rounded to float32; float32 sums of ≤ 600 unit-size terms are within ~1e-5.</summary>
    public static readonly Tolerance Float32Tolerance = new(1e-4, 1e-4);

    public override KataSpec Spec { get; } = new()
    {
        Slug = "conv2d",
        Tolerance = Float64Tolerance,
        Float32Tolerance = Float32Tolerance,
        // Calibrated on tests/MlKatas.Tests/Mutants/conv2d on the shared 2-core machine under load ~12 (libtorch
        // single-threaded): the control (im2col copied tap by tap into a preallocated buffer, one matmul per group)
        // measured 1.45×, a C# loop over output pixels 19.5×.
        SpeedBudget = 3,
        SpeedBudgetCalibration = "reference: im2col by stacking one strided view per kernel tap, one batched matmul over the groups, on float32 " +
            "[4, 32, 32, 32] * [32, 16, 3, 3], groups 2; im2col into a preallocated buffer with a matmul per group passes (1.45×); " +
            "a C# loop over output pixels is TooSlow (19.5×)",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.functional.conv1d", ConvWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.conv2d", ConvWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.conv3d", ConvWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.conv_transpose1d", ConvWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.conv_transpose2d", ConvWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.conv_transpose3d", ConvWhy),
            new ForbiddenApi("TorchSharp.torch.nn.Conv1d", ConvWhy),
            new ForbiddenApi("TorchSharp.torch.nn.Conv2d", ConvWhy),
            new ForbiddenApi("TorchSharp.torch.nn.Conv3d", ConvWhy),
            new ForbiddenApi("TorchSharp.torch.nn.ConvTranspose1d", ConvWhy),
            new ForbiddenApi("TorchSharp.torch.nn.ConvTranspose2d", ConvWhy),
            new ForbiddenApi("TorchSharp.torch.nn.ConvTranspose3d", ConvWhy),
            new ForbiddenApi("TorchSharp.Modules.Convolution", ConvWhy),
            new ForbiddenApi("TorchSharp.Modules.Conv1d", ConvWhy),
            new ForbiddenApi("TorchSharp.Modules.Conv2d", ConvWhy),
            new ForbiddenApi("TorchSharp.Modules.Conv3d", ConvWhy),
            new ForbiddenApi("TorchSharp.Modules.ConvTranspose1d", ConvWhy),
            new ForbiddenApi("TorchSharp.Modules.ConvTranspose2d", ConvWhy),
            new ForbiddenApi("TorchSharp.Modules.ConvTranspose3d", ConvWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.unfold", UnfoldWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.fold", UnfoldWhy),
            new ForbiddenApi("TorchSharp.torch.nn.Unfold", UnfoldWhy),
            new ForbiddenApi("TorchSharp.torch.nn.Fold", UnfoldWhy),
            new ForbiddenApi("TorchSharp.Modules.Unfold", UnfoldWhy),
            new ForbiddenApi("TorchSharp.Modules.Fold", UnfoldWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.unfold", UnfoldWhy),
        ],
        EntryPoints = ["Conv2d.Forward"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var f = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor?, (long, long), (long, long), (long, long), long, Tensor>>(
            solution, "Conv2d", "Forward", Signature);
        return c =>
        {
            static (long, long) Pair(KataCase c, string name)
            {
                long[] v = c.Arg<long[]>(name);
                return v.Length == 2 ? (v[0], v[1]) : throw new CaseFileException(c.Source, $"argument \"{name}\" must be [H, W]");
            }
            var bias = c.Inputs.TryGetValue("bias", out var b) ? b : null;
            return new Dictionary<string, Tensor>
            {
                ["out"] = f(c.Input("x"), c.Input("weight"), bias, Pair(c, "stride"), Pair(c, "padding"), Pair(c, "dilation"),
                    c.Arg<long>("groups")),
            };
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            long groups = rng.Next(1, 4), cIn = groups * rng.Next(1, 4), cOut = groups * rng.Next(1, 4);
            long kH = rng.Next(1, 5), kW = rng.Next(1, 5);
            (long H, long W) stride = (rng.Next(1, 4), rng.Next(1, 4)), padding = (rng.Next(0, 3), rng.Next(0, 3)),
                dilation = (rng.Next(1, 4), rng.Next(1, 4));
            // The input at least as large as the dilated kernel, so that the output is never empty.
            long h = Math.Max(1, dilation.H * (kH - 1) + 1 - 2 * padding.H) + rng.Next(0, 9);
            long w = Math.Max(1, dilation.W * (kW - 1) + 1 - 2 * padding.W) + rng.Next(0, 9);
            var inputs = new Dictionary<string, Tensor>
            {
                ["x"] = RandN(rng, dtype, rng.Next(1, 4), cIn, h, w),
                ["weight"] = RandN(rng, dtype, cOut, cIn / groups, kH, kW),
            };
            if (rng.Next(3) > 0)
            {
                inputs["bias"] = RandN(rng, dtype, cOut);
            }
            var args = Args(stride, padding, dilation, groups);
            yield return ExactReferenceCase($"random #{i + 1}", reference, inputs, args, dtype,
                note: $"random {(dtype == ScalarType.Float64 ? "float64" : "float32")} input drawn for this grading: {args.ToJsonString()}, " +
                      (inputs.ContainsKey("bias") ? "with bias" : "no bias"));
        }
    }

    /// <summary>
    /// float32 [N, C_in, H, W] = [4, 32, 32, 32], C_out = 32, 3×3, padding 1, groups 2: ~38 MFLOP, a few ms for the
    /// reference single-threaded; a C# loop over the 1024 output pixels makes thousands of tensor calls.
    /// </summary>
    public override KataCase TimingCase(Random rng) =>
        new("timing", new Dictionary<string, Tensor>
        {
            ["x"] = RandN(rng, ScalarType.Float32, 4, 32, 32, 32),
            ["weight"] = RandN(rng, ScalarType.Float32, 32, 16, 3, 3),
            ["bias"] = RandN(rng, ScalarType.Float32, 32),
        }, Args((1, 1), (1, 1), (1, 1), 2), new Dictionary<string, Tensor>());

    private static JsonObject Args((long H, long W) stride, (long H, long W) padding, (long H, long W) dilation, long groups) => new()
    {
        ["stride"] = new JsonArray(stride.H, stride.W),
        ["padding"] = new JsonArray(padding.H, padding.W),
        ["dilation"] = new JsonArray(dilation.H, dilation.W),
        ["groups"] = groups,
    };
}
