// Expect: WrongShape
// Mistake: Echoes an input back: x from Forward (shape [..., in], not [..., out]), the weight unchanged from Merge and Unmerge.
namespace MlKatas.Katas;

public static class LoraLinear
{
    public static Tensor Forward(Tensor x, Tensor weight, Tensor bias, Tensor loraA, Tensor loraB, double alpha)
    {
        return x.clone();
    }

    public static Tensor Merge(Tensor weight, Tensor loraA, Tensor loraB, double alpha)
    {
        return weight.clone();
    }

    public static Tensor Unmerge(Tensor mergedWeight, Tensor loraA, Tensor loraB, double alpha)
    {
        return mergedWeight.clone();
    }
}
