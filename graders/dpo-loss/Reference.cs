namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Dpo.Loss"/>.</summary>
/// <param name="Loss">The DPO loss, mean over the batch: a 0-d float64 tensor that autograd can differentiate.</param>
/// <param name="ChosenRewards">Implicit rewards of the chosen responses, β·(log π(y_w) − log π_ref(y_w)), shape [B].</param>
/// <param name="RejectedRewards">Implicit rewards of the rejected responses, β·(log π(y_l) − log π_ref(y_l)), shape [B].</param>
public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

/// <summary>Direct Preference Optimisation and its IPO variant from sequence log-probabilities (hidden reference).</summary>
public static class Dpo
{
    /// <summary>DPO: mean over pairs of −log σ(β·[(π_w − ref_w) − (π_l − ref_l)]), plus the implicit rewards.</summary>
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        var chosen = beta * (policyChosenLogps - referenceChosenLogps);
        var rejected = beta * (policyRejectedLogps - referenceRejectedLogps);
        // log σ(x) = −softplus(−x), computed by logsigmoid without overflow for any margin.
        var loss = -torch.nn.functional.logsigmoid(chosen - rejected).mean();
        return new DpoOutput(loss, chosen.detach(), rejected.detach());
    }

    /// <summary>IPO: mean over pairs of (h − 1/(2τ))², h = (π_w − ref_w) − (π_l − ref_l).</summary>
    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        var h = (policyChosenLogps - referenceChosenLogps) - (policyRejectedLogps - referenceRejectedLogps);
        return (h - 1.0 / (2.0 * tau)).square().mean();
    }
}
