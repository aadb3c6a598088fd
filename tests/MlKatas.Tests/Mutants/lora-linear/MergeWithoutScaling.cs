// Expect: WrongAnswer
// Mistake: The forward is right, but merging adds B·A without the alpha / r scaling (and unmerging subtracts it), so
// the merged layer no longer computes what the adapter did.
namespace MlKatas.Katas;

public static class LoraLinear
{
    public static Tensor Forward(Tensor x, Tensor weight, Tensor bias, Tensor loraA, Tensor loraB, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        var update = nn.functional.linear(nn.functional.linear(x, loraA), loraB);
        return (nn.functional.linear(x, weight, bias) + update * (alpha / loraA.shape[0])).MoveToOuterDisposeScope();
    }

    public static Tensor Merge(Tensor weight, Tensor loraA, Tensor loraB, double alpha)
    {
        return weight + loraB.mm(loraA);
    }

    public static Tensor Unmerge(Tensor mergedWeight, Tensor loraA, Tensor loraB, double alpha)
    {
        return mergedWeight - loraB.mm(loraA);
    }
}
