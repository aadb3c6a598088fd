using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/activations: GELU (erf and tanh forms), SiLU and SwiGLU against PyTorch (golden cases) and the
/// reference (random cases); each hand-written backward's <c>grad.*</c> outputs against autograd of the forward (out of
/// tolerance: WrongGradient).
/// </summary>
public sealed class ActivationsGrader : KataGrader
{
    private const string Class = "Activations";
    private const string AllEntries = "All";
    private const string BuiltinWhy = "this kata is to write the activation yourself (erf, tanh, exp and sigmoid are allowed)";
    private const string AutogradWhy = "the backwards are to be derived by hand; autograd is what grades them";

    private static readonly string[] Entries = ["Gelu", "GeluBackward", "Silu", "SiluBackward", "SwiGlu", "SwiGluBackward"];

    public override KataSpec Spec { get; } = new()
    {
        Slug = "activations",
        // float64 throughout. Elementwise formulas are exact to a few ulp (torch's and a hand-written GELU differ by
        // < 1e-15 relative); SwiGLU's matmuls sum ≤ 12 terms. 1e-9 leaves orders of magnitude of margin, while a
        // wrong constant (sqrt(2π), no 0.044715) is off by ~1e-3 or more and a missing derivative term by O(0.1).
        Tolerance = new Tolerance(1e-9, 1e-9),
        // Calibrated on tests/MlKatas.Tests/Mutants/activations on the shared 2-core machine under load ~26 (libtorch
        // single-threaded): the control measured 1.66× (pairs 1.16–2.38×: σ as 1/(1 + exp(−x)) and einsum weight
        // gradients cost more ops than the reference), SwiGLU in a C# loop over rows 10.1× (pairs from 8.75×), the
        // reference against itself 0.99× (0.79–1.29×). 4× rather than 3× keeps the control's worst pair well inside.
        SpeedBudget = 4,
        SpeedBudgetCalibration = "reference: all six functions (both GELU forms) on float64 x [8, 64, 64], w and v [64, 64]; " +
            "the control (Φ from erfc, σ from exp, SwiGLU by F.linear and einsum) passes (1.66×); SwiGLU and its backward in a C# loop over rows is TooSlow (10.1×)",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.functional.gelu", BuiltinWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.silu", BuiltinWhy),
            new ForbiddenApi("TorchSharp.torch.nn.functional.glu", BuiltinWhy),
            new ForbiddenApi("TorchSharp.torch.nn.GELU", BuiltinWhy),
            new ForbiddenApi("TorchSharp.torch.nn.SiLU", BuiltinWhy),
            new ForbiddenApi("TorchSharp.torch.nn.GLU", BuiltinWhy),
            new ForbiddenApi("TorchSharp.Modules.GELU", BuiltinWhy),
            new ForbiddenApi("TorchSharp.Modules.SiLU", BuiltinWhy),
            new ForbiddenApi("TorchSharp.Modules.GLU", BuiltinWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.gelu", BuiltinWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.gelu_", BuiltinWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.silu", BuiltinWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.silu_", BuiltinWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.glu", BuiltinWhy),
            new ForbiddenApi("TorchSharp.torch.autograd", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.backward", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.grad", AutogradWhy),
            new ForbiddenApi("TorchSharp.torch.Tensor.get_grad", AutogradWhy),
        ],
        EntryPoints = [.. Entries.Select(e => Class + "." + e)],
        RandomCases = 6,   // one per entry point
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var gelu = ContractBinder.StaticMethod<Func<Tensor, string, Tensor>>(solution, Class, "Gelu",
            "public static Tensor Gelu(Tensor x, string approximate)");
        var geluBackward = ContractBinder.StaticMethod<Func<Tensor, Tensor, string, Tensor>>(solution, Class, "GeluBackward",
            "public static Tensor GeluBackward(Tensor dy, Tensor x, string approximate)");
        var silu = ContractBinder.StaticMethod<Func<Tensor, Tensor>>(solution, Class, "Silu",
            "public static Tensor Silu(Tensor x)");
        var siluBackward = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor>>(solution, Class, "SiluBackward",
            "public static Tensor SiluBackward(Tensor dy, Tensor x)");
        var swiGlu = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor>>(solution, Class, "SwiGlu",
            "public static Tensor SwiGlu(Tensor x, Tensor w, Tensor v)");
        var swiGluBackward = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor, (Tensor, Tensor, Tensor)>>(solution, Class,
            "SwiGluBackward", "public static (Tensor Dx, Tensor DW, Tensor DV) SwiGluBackward(Tensor dy, Tensor x, Tensor w, Tensor v)");
        return c =>
        {
            var outputs = new Dictionary<string, Tensor>();
            switch (c.Entry)
            {
                case "Gelu":
                    outputs["out"] = gelu(c.Input("x"), c.Arg<string>("approximate"));
                    break;
                case "GeluBackward":
                    outputs["grad.x"] = geluBackward(c.Input("dy"), c.Input("x"), c.Arg<string>("approximate"));
                    break;
                case "Silu":
                    outputs["out"] = silu(c.Input("x"));
                    break;
                case "SiluBackward":
                    outputs["grad.x"] = siluBackward(c.Input("dy"), c.Input("x"));
                    break;
                case "SwiGlu":
                    outputs["out"] = swiGlu(c.Input("x"), c.Input("w"), c.Input("v"));
                    break;
                case "SwiGluBackward":
                    (outputs["grad.x"], outputs["grad.w"], outputs["grad.v"]) = swiGluBackward(c.Input("dy"), c.Input("x"), c.Input("w"), c.Input("v"));
                    break;
                case AllEntries:
                    // The timing case: every function once, both GELU forms; dy is [..., 64] for the elementwise ones and SwiGLU alike.
                    var x = c.Input("x");
                    var dy = c.Input("dy");
                    outputs["gelu"] = gelu(x, "none");
                    outputs["gelu.tanh"] = gelu(x, "tanh");
                    outputs["grad.gelu"] = geluBackward(dy, x, "none");
                    outputs["grad.gelu.tanh"] = geluBackward(dy, x, "tanh");
                    outputs["silu"] = silu(x);
                    outputs["grad.silu"] = siluBackward(dy, x);
                    outputs["swiglu"] = swiGlu(x, c.Input("w"), c.Input("v"));
                    (outputs["grad.x"], outputs["grad.w"], outputs["grad.v"]) = swiGluBackward(dy, x, c.Input("w"), c.Input("v"));
                    break;
                default:
                    throw new CaseFileException(c.Source, $"its entry \"{c.Entry}\" is none of {string.Join(", ", Entries)}");
            }
            return outputs;
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            string entry = Entries[i % Entries.Length];
            long[] lead = Enumerable.Range(0, rng.Next(0, 3)).Select(_ => (long)rng.Next(1, 6)).ToArray();
            long d = rng.Next(1, 13), h = rng.Next(1, 9);
            double scale = new[] { 0.5, 2.0, 6.0 }[rng.Next(3)];
            var x = RandN(rng, ScalarType.Float64, [.. lead, d]).mul_(scale);
            var args = new JsonObject();
            var inputs = new Dictionary<string, Tensor> { ["x"] = x };
            string what;
            if (entry.StartsWith("Gelu", StringComparison.Ordinal))
            {
                string approximate = rng.Next(2) == 0 ? "none" : "tanh";
                args["approximate"] = approximate;
                what = $"GELU ({approximate})";
            }
            else if (entry.StartsWith("Silu", StringComparison.Ordinal))
            {
                what = "SiLU";
            }
            else
            {
                inputs["w"] = RandN(rng, ScalarType.Float64, h, d).mul_(0.5);
                inputs["v"] = RandN(rng, ScalarType.Float64, h, d).mul_(0.5);
                what = $"SwiGLU with H = {h}";
            }
            string shape = $"x [{string.Join(", ", x.shape)}]";
            if (!entry.EndsWith("Backward", StringComparison.Ordinal))
            {
                yield return ReferenceCase($"random #{i + 1}", reference, inputs, args, entry,
                    $"{entry}: {what}, random {shape} (scale {scale}) drawn for this grading");
                continue;
            }
            string forward = entry[..^"Backward".Length];
            string[] wrt = forward == "SwiGlu" ? ["x", "w", "v"] : ["x"];
            var dy = RandN(rng, ScalarType.Float64, forward == "SwiGlu" ? [.. lead, h] : [.. lead, d]);
            var grads = LossGradients.ThroughReference(reference, forward, inputs, args, dy, wrt);
            inputs["dy"] = dy;
            yield return new KataCase($"random #{i + 1}", inputs, args, grads)
            {
                Source = "random",
                Hidden = true,
                Entry = entry,
                Note = $"{entry}: {what}, random {shape} (scale {scale}) and dy drawn for this grading, graded against autograd of the forward",
            };
        }
    }

    // Every function once on float64 x [8, 64, 64] (32 768 elements) with w, v [64, 64]: a reference call is a few
    // milliseconds; a C# loop over the 512 rows makes thousands of small tensor calls.
    public override KataCase TimingCase(Random rng) =>
        new("timing", new Dictionary<string, Tensor>
        {
            ["x"] = RandN(rng, ScalarType.Float64, 8, 64, 64).mul_(2),
            ["w"] = RandN(rng, ScalarType.Float64, 64, 64).mul_(0.2),
            ["v"] = RandN(rng, ScalarType.Float64, 64, 64).mul_(0.2),
            ["dy"] = RandN(rng, ScalarType.Float64, 8, 64, 64),
        }, new JsonObject(), new Dictionary<string, Tensor>()) { Entry = AllEntries };
}
