using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/lora-linear: the LoRA forward with scaling α/r, and merging/unmerging the update into W₀.</summary>
public sealed class LoraLinearGrader : KataGrader
{
    private const string ForwardSignature =
        "public static Tensor Forward(Tensor x, Tensor weight, Tensor bias, Tensor loraA, Tensor loraB, double alpha)";
    private const string MergeSignature = "public static Tensor Merge(Tensor weight, Tensor loraA, Tensor loraB, double alpha)";
    private const string UnmergeSignature = "public static Tensor Unmerge(Tensor mergedWeight, Tensor loraA, Tensor loraB, double alpha)";

    /// <summary>float64: sums of ≤ 64 products in another order differ by ~1e-14; 1e-9 leaves room and still catches any wrong scale.</summary>
    public static readonly Tolerance Float64Tolerance = new(1e-9, 1e-9);
    /// <summary>float32: expected values are exact rounded to float32; a float32 matmul over in ≤ 64 is within ~1e-6 of them.</summary>
    public static readonly Tolerance Float32Tolerance = new(1e-5, 1e-4);

    /// <inheritdoc />
    public override KataSpec Spec { get; } = new()
    {
        Slug = "lora-linear",
        Tolerance = Float64Tolerance,
        Float32Tolerance = Float32Tolerance,
        SpeedBudget = 3,
        SpeedBudgetCalibration = "reference: F.linear for the base layer and twice through the rank-r bottleneck, timed on Forward. Measured " +
            "single-threaded on the timing case (2-core machine at load average 15-26): the reference against itself 1.39x, the " +
            "control MergedWeightForward (x·(W0 + s·B·A)ᵀ + b) 0.39x; the loop over tokens PerTokenLoop is TooSlow at 26x",
        EntryPoints = ["LoraLinear.Forward", "LoraLinear.Merge", "LoraLinear.Unmerge"],
    };

    /// <inheritdoc />
    public override KataInvoker Bind(Assembly solution)
    {
        var forward = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor, Tensor, double, Tensor>>(
            solution, "LoraLinear", "Forward", ForwardSignature);
        var merge = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, double, Tensor>>(solution, "LoraLinear", "Merge", MergeSignature);
        var unmerge = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, double, Tensor>>(
            solution, "LoraLinear", "Unmerge", UnmergeSignature);
        return c =>
        {
            double alpha = c.Arg<double>("alpha");
            var result = c.Entry switch
            {
                "Merge" => merge(c.Input("weight"), c.Input("loraA"), c.Input("loraB"), alpha),
                "Unmerge" => unmerge(c.Input("mergedWeight"), c.Input("loraA"), c.Input("loraB"), alpha),
                _ => forward(c.Input("x"), c.Input("weight"), c.Input("bias"), c.Input("loraA"), c.Input("loraB"), alpha),
            };
            return new Dictionary<string, Tensor> { ["out"] = result };
        };
    }

    /// <inheritdoc />
    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        string[] entries = ["Forward", "Merge", "Forward", "Unmerge"];
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            string entry = entries[i % entries.Length];
            var dtype = i % 2 == 0 ? ScalarType.Float64 : ScalarType.Float32;
            int inF = rng.Next(1, 33), outF = rng.Next(1, 33), r = rng.Next(1, 9);
            double alpha = new[] { 1.0, 8, 16, 32 }[rng.Next(4)];
            var inputs = new Dictionary<string, Tensor>
            {
                ["loraA"] = RandN(rng, dtype, r, inF) * 0.3,
                ["loraB"] = RandN(rng, dtype, outF, r) * 0.3,
            };
            string shape = "";
            switch (entry)
            {
                case "Forward":
                    long[] lead = i == 0 ? [rng.Next(1, 8)] : [rng.Next(1, 4), rng.Next(1, 6)];
                    inputs["x"] = RandN(rng, dtype, [.. lead, inF]);
                    inputs["weight"] = RandN(rng, dtype, outF, inF) * 0.2;
                    inputs["bias"] = RandN(rng, dtype, outF);
                    shape = $"x [{string.Join(", ", lead)}, {inF}], ";
                    break;
                case "Merge":
                    inputs["weight"] = RandN(rng, dtype, outF, inF);
                    break;
                default:
                    inputs["mergedWeight"] = RandN(rng, dtype, outF, inF);
                    break;
            }
            yield return ExactReferenceCase($"random #{i + 1}", reference, inputs, new JsonObject { ["alpha"] = alpha }, dtype, entry,
                note: FormattableString.Invariant($"random {entry} drawn for this grading ({shape}in={inF}, out={outF}, r={r}, alpha={alpha})"));
        }
    }

    /// <summary>
    /// Forward on x [8, 256, 64], in = out = 64, r = 8, float32: 2048 tokens, a reference call of about a millisecond on a
    /// quiet machine; long in tokens so that a C# loop over tokens pays its per-call overhead 2048 times.
    /// </summary>
    public override KataCase TimingCase(Random rng) =>
        new("timing", new Dictionary<string, Tensor>
        {
            ["x"] = RandN(rng, ScalarType.Float32, 8, 256, 64),
            ["weight"] = RandN(rng, ScalarType.Float32, 64, 64) * 0.125,
            ["bias"] = RandN(rng, ScalarType.Float32, 64),
            ["loraA"] = RandN(rng, ScalarType.Float32, 8, 64) * 0.125,
            ["loraB"] = RandN(rng, ScalarType.Float32, 64, 8) * 0.125,
        }, new JsonObject { ["alpha"] = 16.0 }, new Dictionary<string, Tensor>()) { Entry = "Forward" };
}
