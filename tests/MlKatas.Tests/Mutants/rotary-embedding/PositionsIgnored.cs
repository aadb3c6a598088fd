// Expect: WrongAnswer
// Mistake: Uses the time index t (arange(T)) as the position and ignores the positions argument: wrong after a KV
// cache offset or for packed sequences.
namespace MlKatas.Katas;

public static class RotaryEmbedding
{
    public static (Tensor Q, Tensor K) Apply(Tensor q, Tensor k, Tensor positions, double theta)
    {
        using var scope = torch.NewDisposeScope();
        long d = q.shape[^1], half = d / 2, t = q.shape[2];
        var invFreq = torch.tensor(Enumerable.Range(0, (int)half).Select(i => Math.Pow(theta, -2.0 * i / d)).ToArray());
        var angle = torch.arange(t, dtype: ScalarType.Float64).unsqueeze(1) * invFreq.unsqueeze(0);
        var cos = angle.cos().to(q.dtype);
        var sin = angle.sin().to(q.dtype);
        Tensor Rotate(Tensor x)
        {
            var x1 = x.narrow(-1, 0, half);
            var x2 = x.narrow(-1, half, half);
            return torch.cat(new[] { x1 * cos - x2 * sin, x2 * cos + x1 * sin }, -1);
        }
        return (Rotate(q).MoveToOuterDisposeScope(), Rotate(k).MoveToOuterDisposeScope());
    }
}
