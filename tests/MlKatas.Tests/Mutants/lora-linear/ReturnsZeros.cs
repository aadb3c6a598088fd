// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtype.
namespace MlKatas.Katas;

public static class LoraLinear
{
    public static Tensor Forward(Tensor x, Tensor weight, Tensor bias, Tensor loraA, Tensor loraB, double alpha)
    {
        var shape = x.shape.ToArray();
        shape[^1] = weight.shape[0];
        return torch.zeros(shape, dtype: x.dtype);
    }

    public static Tensor Merge(Tensor weight, Tensor loraA, Tensor loraB, double alpha)
    {
        return torch.zeros_like(weight);
    }

    public static Tensor Unmerge(Tensor mergedWeight, Tensor loraA, Tensor loraB, double alpha)
    {
        return torch.zeros_like(mergedWeight);
    }
}
