// Expect: RuntimeError
// Mistake: The PyTorch tutorial verbatim: pe[:, 0::2] = sin(p·div), pe[:, 1::2] = cos(p·div) with div of ceil(d/2)
// frequencies; for odd d the odd columns are one fewer than the frequencies and the assignment fails.
namespace MlKatas.Katas;

public static class SinusoidalPositionalEncoding
{
    public static Tensor Encode(Tensor positions, int d, double theta)
    {
        using var scope = torch.NewDisposeScope();
        var divTerm = torch.exp(torch.arange(0, d, 2, dtype: ScalarType.Float64) * (-Math.Log(theta) / d));
        var angle = positions.to(ScalarType.Float64).unsqueeze(1) * divTerm.unsqueeze(0);
        var pe = torch.zeros(positions.shape[0], d, dtype: ScalarType.Float64);
        pe[TensorIndex.Colon, TensorIndex.Slice(0, null, 2)] = angle.sin();
        pe[TensorIndex.Colon, TensorIndex.Slice(1, null, 2)] = angle.cos();
        return pe.to(positions.dtype).MoveToOuterDisposeScope();
    }
}
