// Expect: WrongAnswer
// Mistake: Mixes the conventions: rotate_half pairs (x_i, x_i+D/2), but the full-width cos/sin tables are built
// interleaved (repeat_interleave(2): f0 f0 f1 f1 …) instead of concatenated (f0 f1 … f0 f1 …).
namespace MlKatas.Katas;

public static class RotaryEmbedding
{
    public static (Tensor Q, Tensor K) Apply(Tensor q, Tensor k, Tensor positions, double theta)
    {
        using var scope = torch.NewDisposeScope();
        long d = q.shape[^1], half = d / 2;
        var invFreq = torch.tensor(Enumerable.Range(0, (int)half).Select(i => Math.Pow(theta, -2.0 * i / d)).ToArray());
        var angle = (positions.to(ScalarType.Float64).unsqueeze(1) * invFreq.unsqueeze(0)).repeat_interleave(2, dim: 1);   // [T, D]
        var cos = angle.cos().to(q.dtype);
        var sin = angle.sin().to(q.dtype);
        Tensor RotateHalf(Tensor x) => torch.cat(new[] { -x.narrow(-1, half, half), x.narrow(-1, 0, half) }, -1);
        return ((q * cos + RotateHalf(q) * sin).MoveToOuterDisposeScope(), (k * cos + RotateHalf(k) * sin).MoveToOuterDisposeScope());
    }
}
