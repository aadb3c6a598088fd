// Expect: TooSlow
// Mistake: Loops over the time steps in C#, building each position's cos/sin and rotating q[:, :, t] and k[:, :, t]
// one at a time: T small tensor calls where a few whole-tensor ones would do.
namespace MlKatas.Katas;

public static class RotaryEmbedding
{
    public static (Tensor Q, Tensor K) Apply(Tensor q, Tensor k, Tensor positions, double theta)
    {
        using var scope = torch.NewDisposeScope();
        long d = q.shape[^1], half = d / 2, steps = q.shape[2];
        var invFreq = torch.tensor(Enumerable.Range(0, (int)half).Select(i => Math.Pow(theta, -2.0 * i / d)).ToArray());
        var outQ = torch.empty_like(q);
        var outK = torch.empty_like(k);
        for (long t = 0; t < steps; t++)
        {
            using var step = torch.NewDisposeScope();
            var angle = invFreq * positions[t].to(ScalarType.Float64);
            var cos = angle.cos().to(q.dtype);
            var sin = angle.sin().to(q.dtype);
            foreach (var (x, output) in new[] { (q, outQ), (k, outK) })
            {
                var xt = x.select(2, t);
                var x1 = xt.narrow(-1, 0, half);
                var x2 = xt.narrow(-1, half, half);
                output.select(2, t).copy_(torch.cat(new[] { x1 * cos - x2 * sin, x2 * cos + x1 * sin }, -1));
            }
        }
        return (outQ.MoveToOuterDisposeScope(), outK.MoveToOuterDisposeScope());
    }
}
