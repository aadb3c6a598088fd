// Expect: Passed
// Mistake: None: the forward through the merged weight, x·(W0 + (α/r)·B·A)ᵀ + b, as a merged inference layer computes
// it (it forms the [out, in] update on every call: fine at this size); a speed-budget control.
namespace MlKatas.Katas;

public static class LoraLinear
{
    public static Tensor Forward(Tensor x, Tensor weight, Tensor bias, Tensor loraA, Tensor loraB, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        var merged = weight + loraB.mm(loraA) * (alpha / loraA.shape[0]);
        return nn.functional.linear(x, merged, bias).MoveToOuterDisposeScope();
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
