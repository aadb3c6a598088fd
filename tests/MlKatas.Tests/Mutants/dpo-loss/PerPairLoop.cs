// Expect: TooSlow
// Mistake: Computes each pair's loss in a C# loop over the batch (a Python-style loop where one tensor op over all pairs exists), then stacks them.
namespace MlKatas.Katas;

public sealed record DpoOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);

public static class Dpo
{
    public static DpoOutput Loss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double beta)
    {
        long b = policyChosenLogps.shape[0];
        var losses = new List<Tensor>();
        for (long i = 0; i < b; i++)
        {
            var margin = beta * ((policyChosenLogps[i] - referenceChosenLogps[i]) - (policyRejectedLogps[i] - referenceRejectedLogps[i]));
            losses.Add(-torch.nn.functional.logsigmoid(margin));
        }
        var loss = torch.stack(losses).mean();
        var chosen = beta * (policyChosenLogps - referenceChosenLogps);
        var rejected = beta * (policyRejectedLogps - referenceRejectedLogps);
        return new DpoOutput(loss, chosen.detach(), rejected.detach());
    }

    public static Tensor IpoLoss(Tensor policyChosenLogps, Tensor policyRejectedLogps,
        Tensor referenceChosenLogps, Tensor referenceRejectedLogps, double tau)
    {
        var h = (policyChosenLogps - referenceChosenLogps) - (policyRejectedLogps - referenceRejectedLogps);
        return (h - 1.0 / (2.0 * tau)).square().mean();
    }
}
