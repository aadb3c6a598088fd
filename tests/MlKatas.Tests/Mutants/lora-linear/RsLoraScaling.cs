// Expect: WrongAnswer
// Mistake: Scales by alpha / sqrt(r) (rank-stabilised LoRA, use_rslora=True in PEFT) where the kata asks for the
// original alpha / r.
namespace MlKatas.Katas;

public static class LoraLinear
{
    public static Tensor Forward(Tensor x, Tensor weight, Tensor bias, Tensor loraA, Tensor loraB, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        var update = nn.functional.linear(nn.functional.linear(x, loraA), loraB);
        return (nn.functional.linear(x, weight, bias) + update * (alpha / Math.Sqrt(loraA.shape[0]))).MoveToOuterDisposeScope();
    }

    public static Tensor Merge(Tensor weight, Tensor loraA, Tensor loraB, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        return (weight + loraB.mm(loraA) * (alpha / Math.Sqrt(loraA.shape[0]))).MoveToOuterDisposeScope();
    }

    public static Tensor Unmerge(Tensor mergedWeight, Tensor loraA, Tensor loraB, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        return (mergedWeight - loraB.mm(loraA) * (alpha / Math.Sqrt(loraA.shape[0]))).MoveToOuterDisposeScope();
    }
}
