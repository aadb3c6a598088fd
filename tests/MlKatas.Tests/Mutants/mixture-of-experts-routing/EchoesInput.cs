// Expect: WrongAnswer
// Mistake: Returns the first k logits as gates and their column indices as experts and slots.
namespace MlKatas.Katas;

public sealed record MoeRouting(Tensor Experts, Tensor Gates, Tensor Slots, Tensor AuxLoss);

public static class MoeRouter
{
    public static MoeRouting Route(Tensor logits, long k, double capacityFactor)
    {
        long n = logits.shape[0];
        var first = torch.arange(k).unsqueeze(0).expand(n, k).contiguous();
        return new MoeRouting(first, logits.narrow(1, 0, k).clone(), first.clone(), logits.sum());
    }
}
