// Expect: WrongAnswer
// Mistake: Returns random numbers of the right shapes and dtypes.
namespace MlKatas.Katas;

public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

public static class Dpo
{
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        return new DpoOutput(torch.randn(Array.Empty<long>(), dtype: float64), torch.randn_like(policyChosenLogps), torch.randn_like(policyRejectedLogps));
    }

    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        return torch.randn(Array.Empty<long>(), dtype: float64);
    }
}
