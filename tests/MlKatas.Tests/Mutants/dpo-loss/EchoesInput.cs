// Expect: WrongShape
// Mistake: Echoes its inputs back: the chosen log-probs as the loss (shape [B], not a scalar) and the log-probs as rewards.
namespace MlKatas.Katas;

public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

public static class Dpo
{
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        return new DpoOutput(policyChosenLogps, policyChosenLogps, policyRejectedLogps);
    }

    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        return policyChosenLogps;
    }
}
