using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/reward-model-loss: the Bradley–Terry pairwise loss of reward-model training, with an optional margin
/// (Llama 2), and the pairwise accuracy. Values and autograd's gradients through the learner's loss with respect to
/// both reward tensors are checked.
/// </summary>
public sealed class RewardModelLossGrader : KataGrader
{
    private const string Signature = "public static RewardModelLoss PairwiseLoss(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin)";

    private static readonly string[] RewardInputs = ["chosenRewards", "rejectedRewards"];

    public override KataSpec Spec { get; } = new()
    {
        Slug = "reward-model-loss",
        // As in dpo-loss: float64 elementwise ops are exact to ~1e-15; rtol 1e-8 admits softplus's default threshold
        // (relative error ≤ e^−20 ≈ 2e-9 past it), atol 1e-10 the ~0 gradients of pairs ranked by a wide margin.
        // Accuracy is k/B, compared with the same tolerance (any miscounted pair is off by ≥ 1/B).
        Tolerance = new Tolerance(1e-10, 1e-8),
        // Calibrated on the controls in tests/MlKatas.Tests/Mutants/reward-model-loss at B = 256 pairs with margins (a large
        // RM batch), forward + backward, on the shared 2-core machine at load ~15: BceWithLogitsControl 1.03× (0.51 vs
        // 0.48 ms); SoftplusControl 0.06× (the reference's log_sigmoid slowed to 12.7 ms in that process, the artefact
        // described in DpoLossGrader); PerPairLoop 11.8× (456 vs 28 ms, spread 4.9–45.6×).
        SpeedBudget = 4,
        SpeedBudgetCalibration = "reference: logsigmoid of the margin-shifted difference, forward + autograd backward, B = 256; the BCE-with-logits and softplus controls pass; a per-pair C# loop is TooSlow",
        EntryPoints = ["RewardModel.PairwiseLoss"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var f = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor?, object>>(solution, "RewardModel", "PairwiseLoss", Signature);
        return c =>
        {
            using var grad = LossGradients.EnableGrad();
            var x = LossGradients.Leaves(c, RewardInputs);
            object result = f(x["chosenRewards"], x["rejectedRewards"], x.GetValueOrDefault("margin"))
                ?? throw new ContractMismatchException("PairwiseLoss returned null instead of a RewardModelLoss");
            var loss = ContractBinder.Property<Tensor>(result, "Loss");
            var outputs = new Dictionary<string, Tensor>
            {
                ["out.loss"] = loss?.detach()!,
                ["out.accuracy"] = ContractBinder.Property<Tensor>(result, "Accuracy")?.detach()!,
            };
            LossGradients.Add(outputs, loss, x, RewardInputs);
            return outputs;
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            var inputs = Pairs(rng, rng.Next(1, 65), scale: i == 0 ? 30 : 2, withMargin: i % 2 == 1);
            yield return ReferenceCase($"random #{i + 1}", reference, inputs, [],
                note: (i == 0 ? "random pairs drawn for this grading, wide reward differences" : "random pairs drawn for this grading")
                    + (i % 2 == 1 ? ", with margins" : ", no margin (null)"));
        }
    }

    public override KataCase TimingCase(Random rng) =>
        new("timing", Pairs(rng, 256, 2, withMargin: true), [], new Dictionary<string, Tensor>());

    /// <summary>Rewards of b pairs (the chosen one better on average), and Llama 2–style margins in {0, 1/3, 2/3, 1}.</summary>
    private static Dictionary<string, Tensor> Pairs(Random rng, int b, double scale, bool withMargin)
    {
        var inputs = new Dictionary<string, Tensor>
        {
            ["chosenRewards"] = RandN(rng, ScalarType.Float64, b) * scale + 0.5,
            ["rejectedRewards"] = RandN(rng, ScalarType.Float64, b) * scale,
        };
        if (withMargin)
        {
            inputs["margin"] = (Rand(rng, ScalarType.Float64, b) * 4).floor() / 3;
        }
        return inputs;
    }
}
