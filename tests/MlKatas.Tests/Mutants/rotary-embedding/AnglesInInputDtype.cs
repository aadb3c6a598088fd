// Expect: WrongAnswer
// Mistake: Computes the angles in the input dtype (as many implementations do): in float32 an angle near position
// 120000 is off by ~4e-3 rad, far outside the tolerance (the statement asks for float64 angles).
namespace MlKatas.Katas;

public static class RotaryEmbedding
{
    public static (Tensor Q, Tensor K) Apply(Tensor q, Tensor k, Tensor positions, double theta)
    {
        using var scope = torch.NewDisposeScope();
        long d = q.shape[^1], half = d / 2;
        var invFreq = torch.pow(theta, torch.arange(0, d, 2, dtype: q.dtype) / (-d));
        var angle = positions.to(q.dtype).unsqueeze(1) * invFreq.unsqueeze(0);   // [T, D/2] in q's dtype
        var cos = angle.cos();
        var sin = angle.sin();
        Tensor Rotate(Tensor x)
        {
            var x1 = x.narrow(-1, 0, half);
            var x2 = x.narrow(-1, half, half);
            return torch.cat(new[] { x1 * cos - x2 * sin, x2 * cos + x1 * sin }, -1);
        }
        return (Rotate(q).MoveToOuterDisposeScope(), Rotate(k).MoveToOuterDisposeScope());
    }
}
