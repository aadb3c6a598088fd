// Expect: WrongAnswer
// Mistake: Returns a zero loss and zero rewards of the right shapes.
namespace MlKatas.Katas;

public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

public static class Dpo
{
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        return new DpoOutput(torch.zeros(Array.Empty<long>(), dtype: float64), torch.zeros_like(policyChosenLogps), torch.zeros_like(policyRejectedLogps));
    }

    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        return torch.zeros(Array.Empty<long>(), dtype: float64);
    }
}
