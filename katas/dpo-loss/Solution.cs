namespace MlKatas.Katas;

/// <summary>The outcome of <see cref="Dpo.Loss"/>.</summary>
/// <param name="Loss">The DPO loss, mean over the batch: a 0-d tensor (same dtype as the inputs) that autograd can differentiate.</param>
/// <param name="ChosenRewards">Implicit rewards of the chosen responses, β·(log π(y_w) − log π_ref(y_w)), shape [B].</param>
/// <param name="RejectedRewards">Implicit rewards of the rejected responses, β·(log π(y_l) − log π_ref(y_l)), shape [B].</param>
public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

/// <summary>
/// Direct Preference Optimisation (Rafailov et al. 2023) and its IPO variant (Azar et al. 2023), from the sequence
/// log-probabilities of B preference pairs under the policy being trained and the frozen reference model.
/// </summary>
public static class Dpo
{
    /// <summary>
    /// The DPO loss, mean over the B pairs of −log σ(β·[(log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l))]),
    /// and the implicit rewards β·(log π − log π_ref) of the chosen and rejected responses.
    /// </summary>
    /// <param name="policyChosenLogps">log π(y_w | x), shape [B], float64; the grader differentiates the loss with respect to it.</param>
    /// <param name="policyRejectedLogps">log π(y_l | x), shape [B], float64; the grader differentiates the loss with respect to it.</param>
    /// <param name="referenceChosenLogps">log π_ref(y_w | x), shape [B], float64 (frozen).</param>
    /// <param name="referenceRejectedLogps">log π_ref(y_l | x), shape [B], float64 (frozen).</param>
    /// <param name="beta">β &gt; 0, the strength of the KL penalty towards the reference.</param>
    /// <returns>The loss (0-d, differentiable) and the chosen and rejected rewards ([B] each).</returns>
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        throw new NotImplementedException("You need to implement this method.");
    }

    /// <summary>
    /// The IPO loss, mean over the B pairs of (h − 1/(2τ))², where
    /// h = (log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l)).
    /// </summary>
    /// <param name="policyChosenLogps">log π(y_w | x), shape [B], float64; the grader differentiates the loss with respect to it.</param>
    /// <param name="policyRejectedLogps">log π(y_l | x), shape [B], float64; the grader differentiates the loss with respect to it.</param>
    /// <param name="referenceChosenLogps">log π_ref(y_w | x), shape [B], float64 (frozen).</param>
    /// <param name="referenceRejectedLogps">log π_ref(y_l | x), shape [B], float64 (frozen).</param>
    /// <param name="tau">τ &gt; 0, IPO's regularisation: the loss pulls h towards 1/(2τ).</param>
    /// <returns>The loss, a 0-d tensor that autograd can differentiate.</returns>
    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}
