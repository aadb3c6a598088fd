// Expect: WrongGradient
// Mistake: Detaches the rewards for logging (as trainers do) and then builds the loss from those detached rewards: the value is right, but no gradient reaches the policy.
namespace MlKatas.Katas;

public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

public static class Dpo
{
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        var chosenRewards = (beta * (policyChosenLogps - referenceChosenLogps)).detach();
        var rejectedRewards = (beta * (policyRejectedLogps - referenceRejectedLogps)).detach();
        var loss = -torch.nn.functional.logsigmoid(chosenRewards - rejectedRewards).mean();
        return new DpoOutput(loss, chosenRewards, rejectedRewards);
    }

    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        var h = (policyChosenLogps - referenceChosenLogps) - (policyRejectedLogps - referenceRejectedLogps);
        return (h - 1.0 / (2.0 * tau)).square().mean();
    }
}
