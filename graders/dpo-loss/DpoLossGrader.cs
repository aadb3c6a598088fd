using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/dpo-loss: the DPO loss (Rafailov et al. 2023) with its implicit rewards, and the IPO loss (Azar et al.
/// 2023), from sequence log-probabilities. Values and the gradients autograd takes through the learner's loss with
/// respect to the policy's log-probabilities are both checked.
/// </summary>
public sealed class DpoLossGrader : KataGrader
{
    private const string LossSignature = "public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps, Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)";
    private const string IpoSignature = "public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps, Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)";

    /// <summary>The policy's inputs: the ones the loss is differentiated with respect to (the reference model is frozen).</summary>
    private static readonly string[] PolicyInputs = ["policyChosenLogps", "policyRejectedLogps"];

    public override KataSpec Spec { get; } = new()
    {
        Slug = "dpo-loss",
        // float64 throughout and a handful of elementwise ops per pair: round-off is ~1e-15 relative. rtol 1e-8 admits
        // one more thing a correct solution may do: F.softplus(−x) with its default threshold 20, which returns −x
        // (gradient exactly 1) once −x > 20 — relative error ≤ e^−20 ≈ 2e-9 on the loss and on σ in the gradient.
        // atol 1e-10 is for gradients of pairs the policy already ranks by a wide margin (≈ β·e^−margin/B, ~0).
        Tolerance = new Tolerance(1e-10, 1e-8),
        // Calibrated on the controls in tests/MlKatas.Tests/Mutants/dpo-loss on the timing case, B = 256 pairs, forward +
        // backward (a DPO batch is 8–256 pairs, so per-op overhead dominates, as in real use). Measured on the shared
        // 2-core machine at load ~15: ConcatControl 1.16× (0.69 vs 0.56 ms); PerPairLoop 13.4× (601 vs 42 ms) and
        // ~330× at B = 8192 (8 s a call: too slow to keep in the self-tests). SoftplusControl measured 0.02×: in a
        // process whose solution never calls log_sigmoid, the reference's log_sigmoid (a parallel ATen kernel) ran at
        // 35 ms instead of 0.6 ms on that overloaded machine — an artefact that favours the learner, never a false TooSlow.
        SpeedBudget = 4,
        SpeedBudgetCalibration = "reference: logsigmoid of the β-scaled log-ratio difference, forward + autograd backward, B = 256; the softplus and concatenate-then-split controls pass; a per-pair C# loop is TooSlow",
        EntryPoints = ["Dpo.Loss", "Dpo.IpoLoss"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var dpo = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor, double, object>>(solution, "Dpo", "Loss", LossSignature);
        var ipo = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor, double, Tensor>>(solution, "Dpo", "IpoLoss", IpoSignature);
        return c =>
        {
            using var grad = LossGradients.EnableGrad();
            var x = LossGradients.Leaves(c, PolicyInputs);
            var outputs = new Dictionary<string, Tensor>();
            Tensor loss;
            if (EntryOf(c) == "IpoLoss")
            {
                loss = ipo(x["policyChosenLogps"], x["policyRejectedLogps"], x["referenceChosenLogps"], x["referenceRejectedLogps"], c.Arg<double>("tau"));
            }
            else
            {
                object result = dpo(x["policyChosenLogps"], x["policyRejectedLogps"], x["referenceChosenLogps"], x["referenceRejectedLogps"], c.Arg<double>("beta"))
                    ?? throw new ContractMismatchException("Loss returned null instead of a DpoOutput");
                loss = ContractBinder.Property<Tensor>(result, "Loss");
                outputs["out.chosenRewards"] = ContractBinder.Property<Tensor>(result, "ChosenRewards")?.detach()!;
                outputs["out.rejectedRewards"] = ContractBinder.Property<Tensor>(result, "RejectedRewards")?.detach()!;
            }
            outputs["out.loss"] = loss?.detach()!;
            LossGradients.Add(outputs, loss, x, PolicyInputs);
            return outputs;
        };
    }

    private static string EntryOf(KataCase c) => c.Entry ?? (c.Args.ContainsKey("tau") ? "IpoLoss" : "Loss");

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double[] betas = [0.01, 0.1, 0.5, 1.0];
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            bool ipo = i == Spec.RandomCases - 1;
            var inputs = Pairs(rng, rng.Next(1, 65), policyDrift: i == 0 ? 30 : 3);
            var args = ipo ? new JsonObject { ["tau"] = betas[rng.Next(betas.Length)] } : new JsonObject { ["beta"] = betas[rng.Next(betas.Length)] };
            yield return ReferenceCase($"random #{i + 1}", reference, inputs, args, entry: ipo ? "IpoLoss" : "Loss",
                note: i == 0 ? "random pairs drawn for this grading, policy far from the reference (large margins)" : "random pairs drawn for this grading");
        }
    }

    public override KataCase TimingCase(Random rng) =>
        new("timing", Pairs(rng, 256, 3), new JsonObject { ["beta"] = 0.1 }, new Dictionary<string, Tensor>()) { Entry = "Loss" };

    /// <summary>
    /// Sequence log-probabilities of b preference pairs: the reference's are sums over tens to hundreds of tokens
    /// (−U(5, 300)); the policy's differ from them by N(0, policyDrift²).
    /// </summary>
    private static Dictionary<string, Tensor> Pairs(Random rng, int b, double policyDrift)
    {
        var refChosen = -(Rand(rng, ScalarType.Float64, b) * 295 + 5);
        var refRejected = -(Rand(rng, ScalarType.Float64, b) * 295 + 5);
        return new Dictionary<string, Tensor>
        {
            ["policyChosenLogps"] = refChosen + RandN(rng, ScalarType.Float64, b) * policyDrift,
            ["policyRejectedLogps"] = refRejected + RandN(rng, ScalarType.Float64, b) * policyDrift,
            ["referenceChosenLogps"] = refChosen,
            ["referenceRejectedLogps"] = refRejected,
        };
    }
}
