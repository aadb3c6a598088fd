// Expect: Passed
// Mistake: None: the PyTorch tutorial's construction, div_term = exp(arange(0, d, 2)·(−ln θ / d)) and strided
// assignment into a zero table, with the odd-d case handled; a speed-budget control.
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
        pe[TensorIndex.Colon, TensorIndex.Slice(1, null, 2)] = angle.narrow(1, 0, d / 2).cos();
        return pe.to(positions.dtype).MoveToOuterDisposeScope();
    }
}
