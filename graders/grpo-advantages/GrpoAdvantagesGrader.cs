using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/grpo-advantages: GRPO's group-normalised advantages (sample std per group, eps outside the root) and its
/// clipped per-token loss with the k3 KL penalty, averaged per completion then over completions; the gradient autograd
/// takes through the learner's loss with respect to the policy's log-probs is checked too.
/// </summary>
public sealed class GrpoAdvantagesGrader : KataGrader
{
    private const string AdvantagesSignature = "public static Tensor Advantages(Tensor rewards, int groupSize, double eps)";
    private const string LossSignature = "public static GrpoOutput Loss(Tensor logProbs, Tensor oldLogProbs, Tensor refLogProbs, Tensor advantages, Tensor mask, double clipEps, double beta)";

    /// <summary>The timing case's entry: one GRPO step, advantages then the loss on them, forward and backward.</summary>
    private const string StepEntry = "Step";

    public override KataSpec Spec { get; } = new()
    {
        Slug = "grpo-advantages",
        // float64. Advantages: a two-pass mean and std per group; rewards ~1e6 differing by ~1 (the hard golden case) lose
        // ~1e-10 relative to the order of the mean's sum, so rtol 1e-8 admits any two-pass order and rejects
        // E[x²] − E[x]² (~1e-4 there). Loss: a few elementwise ops and two means, ~1e-14. atol 1e-10 is for advantages
        // that are exactly 0 (constant groups), zero gradients (padding, clipped tokens) and a KL of 0.
        Tolerance = new Tolerance(1e-10, 1e-8),
        // Calibrated single-threaded on the timing case — one GRPO step: advantages of 32 prompts × G = 8, then the loss
        // on those 256 completions of T = 64 tokens, forward + backward — on the shared 2-core machine at load ~15. At
        // 512 × 128 tokens: StdMeanControl 1.52× (190 vs 126 ms), PerGroupLoop 16.1× (3.2 s vs 0.19 s, judged on the
        // warm-ups); the case was then shrunk 4× so that one reference call is a few ms on a quiet machine. At this size
        // (load ~12): StdMeanControl 1.36× (36 vs 25 ms), PerGroupLoop 28.9× (1.15 s vs 39 ms, judged on the warm-ups).
        SpeedBudget = 3,
        SpeedBudgetCalibration = "reference: view(−1, G) mean/std, then per-token terms and masked per-row sums, forward + backward (256 completions × 64 tokens); StdMeanControl (sum of squared deviations, expm1, where, masked_fill) 1.36×; a C# loop over groups and completions 28.9× — TooSlow",
        EntryPoints = ["Grpo.Advantages", "Grpo.Loss"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var advantages = ContractBinder.StaticMethod<Func<Tensor, int, double, Tensor>>(solution, "Grpo", "Advantages", AdvantagesSignature);
        var loss = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor, Tensor, double, double, object>>(solution, "Grpo", "Loss", LossSignature);
        return c =>
        {
            if (c.Entry == "Advantages")
            {
                return new Dictionary<string, Tensor> { ["out.advantages"] = advantages(c.Input("rewards"), c.Arg<int>("groupSize"), c.Arg<double>("eps")) };
            }
            using var grad = LossGradients.EnableGrad();
            var x = LossGradients.Leaves(c, "logProbs");
            var adv = c.Entry == StepEntry
                ? advantages(c.Input("rewards"), c.Arg<int>("groupSize"), c.Arg<double>("eps"))
                : x["advantages"];
            object result = loss(x["logProbs"], x["oldLogProbs"], x["refLogProbs"], adv, x["mask"], c.Arg<double>("clipEps"), c.Arg<double>("beta"))
                ?? throw new ContractMismatchException("Loss returned null instead of a GrpoOutput");
            var total = ContractBinder.Property<Tensor>(result, "Loss");
            var outputs = new Dictionary<string, Tensor>
            {
                ["out.loss"] = total?.detach()!,
                ["out.meanKl"] = ContractBinder.Property<Tensor>(result, "MeanKl")?.detach()!,
            };
            LossGradients.Add(outputs, total, x, "logProbs");
            return outputs;
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        int[] groupSizes = [2, 4, 8, 16];
        for (int i = 0; i < 2; i++)
        {
            int g = groupSizes[rng.Next(groupSizes.Length)], prompts = rng.Next(1, 9);
            // Binary rewards (a verifier's right/wrong) make constant groups common; real-valued ones a reward model's scores.
            var rewards = i == 0
                ? (Rand(rng, ScalarType.Float64, prompts * g) < 0.5).to_type(ScalarType.Float64)
                : RandN(rng, ScalarType.Float64, prompts * g) * 2 + 1;
            yield return ReferenceCase($"random #{i + 1}", reference, new Dictionary<string, Tensor> { ["rewards"] = rewards },
                new JsonObject { ["groupSize"] = g, ["eps"] = 1e-4 }, entry: "Advantages",
                note: i == 0 ? "random binary rewards (right/wrong) drawn for this grading: constant groups are likely" : "random real-valued rewards drawn for this grading");
        }
        for (int i = 2; i < Spec.RandomCases; i++)
        {
            int n = rng.Next(1, 9), t = rng.Next(1, 21);
            var inputs = Completions(rng, n, t);
            inputs["advantages"] = RandN(rng, ScalarType.Float64, n);
            yield return ReferenceCase($"random #{i + 1}", reference, inputs,
                new JsonObject { ["clipEps"] = 0.2, ["beta"] = i == 2 ? 0.04 : 0.5 }, entry: "Loss",
                note: "random completions of random lengths drawn for this grading");
        }
    }

    public override KataCase TimingCase(Random rng)
    {
        var inputs = Completions(rng, 256, 64);
        inputs["rewards"] = RandN(rng, ScalarType.Float64, 256);
        return new KataCase("timing", inputs,
            new JsonObject { ["groupSize"] = 8, ["eps"] = 1e-4, ["clipEps"] = 0.2, ["beta"] = 0.04 },
            new Dictionary<string, Tensor>()) { Entry = StepEntry };
    }

    /// <summary>n right-padded completions of 1..t tokens: old log-probs −|N(0, 4)|, the policy's and the reference's N(0, 0.04) and N(0, 0.09) away.</summary>
    private static Dictionary<string, Tensor> Completions(Random rng, int n, int t)
    {
        var lengths = Enumerable.Range(0, n).Select(_ => (long)rng.Next(1, t + 1)).ToArray();
        var old = -(RandN(rng, ScalarType.Float64, n, t) * 2).abs() - 0.01;
        return new Dictionary<string, Tensor>
        {
            ["logProbs"] = old + RandN(rng, ScalarType.Float64, n, t) * 0.2,
            ["oldLogProbs"] = old,
            ["refLogProbs"] = old + RandN(rng, ScalarType.Float64, n, t) * 0.3,
            ["mask"] = torch.arange(t).unsqueeze(0) < torch.tensor(lengths).unsqueeze(1),
        };
    }
}
