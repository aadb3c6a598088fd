// Expect: WrongAnswer
// Mistake: Uses the interleaved convention of GPT-J and Meta's original Llama code (pairs (x_2i, x_2i+1)) instead of
// the rotate-half convention the statement asks for (pairs (x_i, x_i+D/2)).
namespace MlKatas.Katas;

public static class RotaryEmbedding
{
    public static (Tensor Q, Tensor K) Apply(Tensor q, Tensor k, Tensor positions, double theta)
    {
        using var scope = torch.NewDisposeScope();
        long d = q.shape[^1];
        var invFreq = torch.tensor(Enumerable.Range(0, (int)(d / 2)).Select(i => Math.Pow(theta, -2.0 * i / d)).ToArray());
        var angle = positions.to(ScalarType.Float64).unsqueeze(1) * invFreq.unsqueeze(0);
        var cos = angle.cos().to(q.dtype);
        var sin = angle.sin().to(q.dtype);
        Tensor Rotate(Tensor x)
        {
            var even = x[TensorIndex.Ellipsis, TensorIndex.Slice(0, null, 2)];
            var odd = x[TensorIndex.Ellipsis, TensorIndex.Slice(1, null, 2)];
            return torch.stack(new[] { even * cos - odd * sin, odd * cos + even * sin }, -1).flatten(-2);
        }
        return (Rotate(q).MoveToOuterDisposeScope(), Rotate(k).MoveToOuterDisposeScope());
    }
}
