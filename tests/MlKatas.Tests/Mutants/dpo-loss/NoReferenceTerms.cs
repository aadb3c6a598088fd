// Expect: WrongAnswer
// Mistake: Leaves the reference model out: the margin is β·(log π(y_w) − log π(y_l)), as if π_ref were uniform.
namespace MlKatas.Katas;

public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

public static class Dpo
{
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        var chosen = beta * policyChosenLogps;
        var rejected = beta * policyRejectedLogps;
        var loss = -torch.nn.functional.logsigmoid(chosen - rejected).mean();
        return new DpoOutput(loss, chosen.detach(), rejected.detach());
    }

    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        var h = policyChosenLogps - policyRejectedLogps;
        return (h - 1.0 / (2.0 * tau)).square().mean();
    }
}
