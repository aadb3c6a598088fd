using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/reinforce-baseline: discounted returns-to-go cut at episode ends, advantages against a detached
/// baseline, the policy and baseline losses with the statement's mean rule, and the gradients autograd takes through
/// the learner's total loss with respect to the log-probabilities and the baselines.
/// </summary>
public sealed class ReinforceBaselineGrader : KataGrader
{
    private const string LossSignature = "public static ReinforceOutput Loss(Tensor logProbs, Tensor baselines, Tensor rewards, Tensor dones, double gamma, double baselineCoef)";

    /// <summary>What the loss is differentiated with respect to: the policy's and the value network's outputs.</summary>
    private static readonly string[] Trainable = ["logProbs", "baselines"];

    public override KataSpec Spec { get; } = new()
    {
        Slug = "reinforce-baseline",
        // float64; a return is a sum of at most an episode's rewards with weights γ^k ≤ 1 (round-off ~L·1e-16 relative:
        // ~1e-13 on the 1500-step golden case with returns ~1e7), the losses are means of N products, the gradients
        // elementwise. rtol 1e-9 admits any summation order; atol 1e-10 is for zero gradients and zero losses.
        Tolerance = new Tolerance(1e-10, 1e-9),
        // Calibrated single-threaded on the timing case (N = 16384 steps, episodes ~64 steps, forward + backward) on the
        // shared 2-core machine at load 11–20: ListReturnsControl (the rewards read through data<double>()'s accessor
        // indexer, a List reversed, mse_loss) 4.4× (spread 1.9–9.9; 72 vs 18 ms): TorchSharp's accessor indexer costs
        // ~2 µs a read, and that is what a plain solution pays; PerStepTensorLoop (item() reads and returns[n] = … writes)
        // 38× (spread 38–85, judged on its warm-up). 10× passes the plain accessor loop and rejects element-wise tensor
        // writes by a factor of ~4.
        SpeedBudget = 10,
        SpeedBudgetCalibration = "reference: returns by a C# loop over a copied array, losses as tensor expressions, forward + autograd backward, N = 16384; ListReturnsControl (accessor-indexed reads) 4.4×; PerStepTensorLoop (item() reads, returns[n] written one tensor element at a time) 38× — TooSlow",
        EntryPoints = ["Reinforce.Loss"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var loss = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor, double, double, object>>(solution, "Reinforce", "Loss", LossSignature);
        return c =>
        {
            using var grad = LossGradients.EnableGrad();
            var x = LossGradients.Leaves(c, Trainable);
            object result = loss(x["logProbs"], x["baselines"], x["rewards"], x["dones"], c.Arg<double>("gamma"), c.Arg<double>("baselineCoef"))
                ?? throw new ContractMismatchException("Loss returned null instead of a ReinforceOutput");
            var total = ContractBinder.Property<Tensor>(result, "Loss");
            var outputs = new Dictionary<string, Tensor>
            {
                ["out.loss"] = total?.detach()!,
                ["out.policyLoss"] = ContractBinder.Property<Tensor>(result, "PolicyLoss")?.detach()!,
                ["out.baselineLoss"] = ContractBinder.Property<Tensor>(result, "BaselineLoss")?.detach()!,
                ["out.returns"] = ContractBinder.Property<Tensor>(result, "Returns")?.detach()!,
                ["out.advantages"] = ContractBinder.Property<Tensor>(result, "Advantages")?.detach()!,
            };
            LossGradients.Add(outputs, total, x, Trainable);
            return outputs;
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double[] gammas = [0.9, 0.99, 1.0];
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            int n = rng.Next(1, 61);
            double pDone = i == 0 ? 0.4 : 0.08;
            var args = new JsonObject { ["gamma"] = gammas[rng.Next(gammas.Length)], ["baselineCoef"] = rng.Next(2) == 0 ? 0.5 : 0.1 };
            yield return ReferenceCase($"random #{i + 1}", reference, Buffer(rng, n, pDone), args,
                note: i == 0 ? "random buffer drawn for this grading, many short episodes" : "random buffer of a few episodes drawn for this grading");
        }
    }

    public override KataCase TimingCase(Random rng) =>
        new("timing", Buffer(rng, 16384, 1.0 / 64), new JsonObject { ["gamma"] = 0.99, ["baselineCoef"] = 0.5 }, new Dictionary<string, Tensor>());

    /// <summary>n steps: rewards N(0, 1), each step ending its episode with probability pDone (the last always does), log-probs −|N(0, 2.25)|, baselines N(0, 4).</summary>
    private static Dictionary<string, Tensor> Buffer(Random rng, int n, double pDone)
    {
        var dones = Rand(rng, ScalarType.Float64, n) < pDone;
        dones[n - 1].fill_(true);
        return new Dictionary<string, Tensor>
        {
            ["logProbs"] = -(RandN(rng, ScalarType.Float64, n) * 1.5).abs() - 0.01,
            ["baselines"] = RandN(rng, ScalarType.Float64, n) * 2,
            ["rewards"] = RandN(rng, ScalarType.Float64, n),
            ["dones"] = dones,
        };
    }
}
