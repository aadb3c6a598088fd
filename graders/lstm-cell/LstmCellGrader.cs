using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>Grades katas/lstm-cell: a one-layer LSTM over a sequence from given weights, against torch.nn.LSTM.</summary>
public sealed class LstmCellGrader : KataGrader
{
    private const string ForwardSignature = "public static (Tensor Output, Tensor HN, Tensor CN) Forward(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh)";
    private const string LstmWhy = "this kata is to write the LSTM recurrence yourself";

    public override KataSpec Spec { get; } = new()
    {
        Slug = "lstm-cell",
        // float64 throughout: a step is two small matmuls and elementwise sigmoid/tanh, each exact to ~1e-16; over 60
        // steps PyTorch and the golden numpy implementation agree to 8.9e-16. 1e-9 is far below every mutant's error (O(0.01–1)).
        Tolerance = new Tolerance(1e-9, 1e-9),
        // Calibrated on tests/MlKatas.Tests/Mutants/lstm-cell on the timing case (T = 32, B = 16, I = H = 32, float64),
        // single-threaded, on the shared 2-core machine under load ~15–30 (mlkatas check): the PerGateWeights control
        // (8 matmuls a step) measured 1.19× (spread 0.63–3.29 over 9 pairs), the BatchRowLoop mutant 11.4× (spread
        // 7.2–24.7). Remeasure on a quiet machine.
        SpeedBudget = 3,
        SpeedBudgetCalibration = "reference: the input projection of all steps in one matmul, then per step one [B, H]×[H, 4H] matmul and " +
            "four gate ops on chunks; per-gate weight slices with 8 matmuls a step pass; a C# loop over the batch rows is TooSlow",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.nn.LSTM", LstmWhy),
            new ForbiddenApi("TorchSharp.torch.nn.LSTMCell", LstmWhy),
            new ForbiddenApi("TorchSharp.Modules.LSTM", LstmWhy),
            new ForbiddenApi("TorchSharp.Modules.LSTMCell", LstmWhy),
        ],
        EntryPoints = ["Lstm.Forward"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var forward = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, (Tensor, Tensor, Tensor)>>(
            solution, "Lstm", "Forward", ForwardSignature);
        return c =>
        {
            var (output, hN, cN) = forward(c.Input("x"), c.Input("h0"), c.Input("c0"), c.Input("wIh"), c.Input("wHh"), c.Input("bIh"), c.Input("bHh"));
            return new Dictionary<string, Tensor> { ["out.output"] = output, ["out.hN"] = hN, ["out.cN"] = cN };
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            long steps = rng.Next(1, 12), batch = rng.Next(1, 5), input = rng.Next(1, 7), hidden = rng.Next(1, 7);
            double scale = new[] { 0.3, 0.8, 2.0 }[rng.Next(3)];
            yield return ReferenceCase($"random #{i + 1}", reference, Inputs(rng, steps, batch, input, hidden, scale), new JsonObject(),
                entry: "Forward",
                note: $"Forward: random weights (scale {scale}) and sequence drawn for this grading (T={steps}, B={batch}, I={input}, H={hidden})");
        }
    }

    // T = 32, B = 16, I = H = 32 in float64: the reference makes ~8 tensor calls a step; a loop over the batch rows 16 times that.
    public override KataCase TimingCase(Random rng) =>
        new("timing", Inputs(rng, 32, 16, 32, 32, 0.3), new JsonObject(), new Dictionary<string, Tensor>()) { Entry = "Forward" };

    private static Dictionary<string, Tensor> Inputs(Random rng, long steps, long batch, long input, long hidden, double scale) => new()
    {
        ["x"] = RandN(rng, ScalarType.Float64, steps, batch, input),
        ["h0"] = RandN(rng, ScalarType.Float64, batch, hidden).mul_(0.5),
        ["c0"] = RandN(rng, ScalarType.Float64, batch, hidden).mul_(0.5),
        ["wIh"] = RandN(rng, ScalarType.Float64, 4 * hidden, input).mul_(scale),
        ["wHh"] = RandN(rng, ScalarType.Float64, 4 * hidden, hidden).mul_(scale),
        ["bIh"] = RandN(rng, ScalarType.Float64, 4 * hidden).mul_(scale),
        ["bHh"] = RandN(rng, ScalarType.Float64, 4 * hidden).mul_(scale),
    };
}
