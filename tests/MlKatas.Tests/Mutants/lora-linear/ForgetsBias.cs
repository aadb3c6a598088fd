// Expect: WrongAnswer
// Mistake: Forward adds the adapter to x·W0ᵀ but drops the base layer's bias.
namespace MlKatas.Katas;

public static class LoraLinear
{
    public static Tensor Forward(Tensor x, Tensor weight, Tensor bias, Tensor loraA, Tensor loraB, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        var update = nn.functional.linear(nn.functional.linear(x, loraA), loraB);
        return (x.matmul(weight.T) + update * (alpha / loraA.shape[0])).MoveToOuterDisposeScope();
    }

    public static Tensor Merge(Tensor weight, Tensor loraA, Tensor loraB, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        return (weight + loraB.mm(loraA) * (alpha / loraA.shape[0])).MoveToOuterDisposeScope();
    }

    public static Tensor Unmerge(Tensor mergedWeight, Tensor loraA, Tensor loraB, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        return (mergedWeight - loraB.mm(loraA) * (alpha / loraA.shape[0])).MoveToOuterDisposeScope();
    }
}
