namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="KlPenalty.Compute"/>.</summary>
/// <param name="Kl">Per-token KL estimate, 0 at masked tokens, shape [B, T], float64.</param>
/// <param name="Rewards">The KL-shaped reward: −β·kl per token plus the score at the last valid token, shape [B, T], float64.</param>
/// <param name="MeanKl">Σ kl over valid tokens / number of valid tokens, a 0-d float64 tensor.</param>
public sealed record KlPenaltyOutput(Tensor Kl, Tensor Rewards, Tensor MeanKl);

/// <summary>Per-token KL estimators and the KL-shaped RLHF reward (hidden reference).</summary>
public static class KlPenalty
{
    /// <summary>
    /// log r = ref − logp; k1 = −log r, k2 = (log r)²/2, k3 = expm1(log r) − log r; masked tokens 0; rewards = −β·kl with
    /// each row's score added at its last valid token; the masked mean over the batch's valid tokens.
    /// </summary>
    public static KlPenaltyOutput Compute(Tensor logProbs, Tensor refLogProbs, Tensor mask, Tensor scores, string estimator, double beta)
    {
        using var scope = torch.NewDisposeScope();
        var logRatio = refLogProbs - logProbs;
        var perToken = estimator switch
        {
            "k1" => logRatio.neg(),
            "k2" => 0.5 * logRatio.square(),
            // expm1 keeps the small-ratio terms accurate; exp(log r) never forms a quotient of probabilities.
            "k3" => logRatio.expm1() - logRatio,
            _ => throw new ArgumentException($"unknown estimator '{estimator}': expected k1, k2 or k3", nameof(estimator)),
        };
        // where, not a product with the mask: padding may hold values whose exp overflows (inf · 0 = NaN).
        var kl = torch.where(mask, perToken, torch.zeros_like(perToken));
        long steps = mask.shape[1];
        var positions = torch.arange(steps, dtype: ScalarType.Int64).expand(mask.shape);
        var last = torch.where(mask, positions, torch.full_like(positions, -1)).amax([1], keepdim: true);
        var rewards = (-beta * kl).scatter_add(1, last, scores.unsqueeze(1));
        var meanKl = kl.sum() / mask.sum();
        return new KlPenaltyOutput(kl.MoveToOuterDisposeScope(), rewards.MoveToOuterDisposeScope(), meanKl.MoveToOuterDisposeScope());
    }
}
