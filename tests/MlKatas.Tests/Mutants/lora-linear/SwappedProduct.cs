// Expect: RuntimeError
// Mistake: Merges Aᵀ·Bᵀ — the order of the x-side product x·Aᵀ·Bᵀ — instead of B·A: that is ΔWᵀ, shape [in, out]; it
// cannot be added to W0 [out, in] unless the layer is square (and is wrong then). The forward is right.
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
        using var scope = torch.NewDisposeScope();
        return (weight + loraA.T.mm(loraB.T) * (alpha / loraA.shape[0])).MoveToOuterDisposeScope();
    }

    public static Tensor Unmerge(Tensor mergedWeight, Tensor loraA, Tensor loraB, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        return (mergedWeight - loraA.T.mm(loraB.T) * (alpha / loraA.shape[0])).MoveToOuterDisposeScope();
    }
}
