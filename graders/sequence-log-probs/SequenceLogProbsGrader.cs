using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/sequence-log-probs: per-token and per-sequence log-probabilities of response tokens under a causal
/// LM's logits, with the shift between logits and labels and the prompt and padding masks. Values, and autograd's
/// gradient with respect to the logits of SequenceLogps.sum() + MeanLogps.sum(), are checked.
/// </summary>
public sealed class SequenceLogProbsGrader : KataGrader
{
    private const string Signature = "public static SequenceLogProbs Compute(Tensor logits, Tensor inputIds, Tensor attentionMask, Tensor promptLengths)";

    private static readonly string[] Wrt = ["logits"];

    public override KataSpec Spec { get; } = new()
    {
        Slug = "sequence-log-probs",
        // float64 log-softmax over V ≤ 1000 classes and sums over ≤ T terms: round-off ~1e-14 relative to the
        // largest term; the hard case's logits are ~1e3, so 1e-9 absolute / 1e-9 relative is ~1e4 ulps of slack.
        Tolerance = new Tolerance(1e-9, 1e-9),
        // Calibrated on the controls in tests/MlKatas.Tests/Mutants/sequence-log-probs on the timing case (B=4, T=64, V=256,
        // forward + backward), on the shared 2-core machine at load ~19: CrossEntropyControl 1.19× (19.5 vs 16.2 ms),
        // ManualLogSumExpControl 1.36× (7.5 vs 4.8 ms), PerTokenLoop 25.4× (5.1 s vs 196 ms: the reference's parallel
        // log_softmax slows down in a process whose solution is a loop of tiny ops, as log_sigmoid does in dpo-loss).
        // At B=8, T=128, V=512 the loop made the kata's self-tests take 6 minutes.
        SpeedBudget = 4,
        SpeedBudgetCalibration = "reference: log_softmax + gather + mask, forward + autograd backward, B=4, T=64, V=256; the cross_entropy(ignore_index) and manual logsumexp controls pass; a C# loop over token positions is TooSlow",
        EntryPoints = ["LogProbs.Compute"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var f = ContractBinder.StaticMethod<Func<Tensor, Tensor, Tensor, Tensor, object>>(solution, "LogProbs", "Compute", Signature);
        return c =>
        {
            using var grad = LossGradients.EnableGrad();
            var x = LossGradients.Leaves(c, Wrt);
            object result = f(x["logits"], x["inputIds"], x["attentionMask"], x["promptLengths"])
                ?? throw new ContractMismatchException("Compute returned null instead of a SequenceLogProbs");
            var token = ContractBinder.Property<Tensor>(result, "TokenLogps");
            var sequence = ContractBinder.Property<Tensor>(result, "SequenceLogps");
            var mean = ContractBinder.Property<Tensor>(result, "MeanLogps");
            var outputs = new Dictionary<string, Tensor>
            {
                ["out.tokenLogps"] = token?.detach()!,
                ["out.sequenceLogps"] = sequence?.detach()!,
                ["out.meanLogps"] = mean?.detach()!,
            };
            // The scalar the gradient is taken of (the statement says so): both sequence outputs, so that a wrong
            // gradient through either is seen. Shapes that do not match are left to the shape check.
            long b = c.Input("inputIds").shape[0];
            Tensor? objective = sequence is not null && mean is not null && sequence.shape.SequenceEqual([b]) && mean.shape.SequenceEqual([b])
                ? sequence.sum() + mean.sum()
                : null;
            LossGradients.Add(outputs, objective, x, Wrt);
            return outputs;
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            var inputs = Batch(rng, rng.Next(1, 5), rng.Next(2, 25), rng.Next(2, 60), scale: i == 0 ? 30 : 2);
            yield return ReferenceCase($"random #{i + 1}", reference, inputs, [],
                note: i == 0 ? "random prompts + responses with right padding, drawn for this grading; sharp logits (scale 30)"
                             : "random prompts + responses with right padding, drawn for this grading");
        }
    }

    public override KataCase TimingCase(Random rng) =>
        new("timing", Batch(rng, 4, 64, 256, 2), [], new Dictionary<string, Tensor>());

    /// <summary>
    /// A right-padded batch: row b has a prompt of 1..T/2 tokens, then a response, then padding (each row's length
    /// drawn in [prompt, T]).
    /// </summary>
    private static Dictionary<string, Tensor> Batch(Random rng, int b, int t, int v, double scale)
    {
        var prompt = new long[b];
        var mask = new long[b, t];
        for (int i = 0; i < b; i++)
        {
            prompt[i] = rng.Next(1, Math.Max(2, t / 2 + 1));
            int length = rng.Next((int)prompt[i], t + 1);
            for (int j = 0; j < length; j++)
            {
                mask[i, j] = 1;
            }
        }
        using var gen = new Generator((ulong)rng.NextInt64(1, long.MaxValue));
        var ids = torch.randint(0, v, [b, t], generator: gen);
        var attention = torch.tensor(mask);
        return new Dictionary<string, Tensor>
        {
            ["logits"] = RandN(rng, ScalarType.Float64, b, t, v) * scale,
            ["inputIds"] = ids * attention,  // padding positions hold token 0, as pad_token_id = 0 would
            ["attentionMask"] = attention,
            ["promptLengths"] = torch.tensor(prompt),
        };
    }
}
