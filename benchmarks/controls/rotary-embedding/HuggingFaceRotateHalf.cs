// Expect: Passed
// Mistake: None: Hugging Face's formulation, x·cos + rotate_half(x)·sin with full-width tables cat(freqs, freqs) and
// rotate_half(x) = cat(−x2, x1); a speed-budget control.
namespace MlKatas.Katas;

public static class RotaryEmbedding
{
    public static (Tensor Q, Tensor K) Apply(Tensor q, Tensor k, Tensor positions, double theta)
    {
        using var scope = torch.NewDisposeScope();
        long d = q.shape[^1], half = d / 2;
        var invFreq = 1.0 / torch.pow(theta, torch.arange(0, d, 2, dtype: ScalarType.Float64) / d);
        var freqs = torch.outer(positions.to(ScalarType.Float64), invFreq);            // [T, D/2]
        var emb = torch.cat(new[] { freqs, freqs }, -1);                                // [T, D]
        var cos = emb.cos().to(q.dtype);
        var sin = emb.sin().to(q.dtype);
        Tensor RotateHalf(Tensor x) => torch.cat(new[] { -x[TensorIndex.Ellipsis, TensorIndex.Slice(half, null)], x[TensorIndex.Ellipsis, TensorIndex.Slice(0, half)] }, -1);
        return ((q * cos + RotateHalf(q) * sin).MoveToOuterDisposeScope(), (k * cos + RotateHalf(k) * sin).MoveToOuterDisposeScope());
    }
}
