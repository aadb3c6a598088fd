// Expect: TooSlow
// Mistake: Flattens x to tokens and applies the layer token by token in a C# loop: N small matrix-vector products where
// a few whole-batch ones would do.
namespace MlKatas.Katas;

public static class LoraLinear
{
    public static Tensor Forward(Tensor x, Tensor weight, Tensor bias, Tensor loraA, Tensor loraB, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        double scaling = alpha / loraA.shape[0];
        long inF = x.shape[^1], outF = weight.shape[0];
        var tokens = x.reshape(-1, inF);
        var y = torch.empty(tokens.shape[0], outF, dtype: x.dtype);
        for (long n = 0; n < tokens.shape[0]; n++)
        {
            using var step = torch.NewDisposeScope();
            var xn = tokens[n];
            y[n] = weight.mv(xn) + bias + loraB.mv(loraA.mv(xn)) * scaling;
        }
        var shape = x.shape.ToArray();
        shape[^1] = outF;
        return y.reshape(shape).MoveToOuterDisposeScope();
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
