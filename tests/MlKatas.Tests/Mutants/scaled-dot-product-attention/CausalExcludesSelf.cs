// Expect: WrongAnswer
// Mistake: Off-by-one causal mask, triu(0) instead of triu(1): query i may no longer attend to key i itself
// (and query 0 sees nothing).
namespace MlKatas.Katas;

public static class ScaledDotProductAttention
{
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, Tensor keyPaddingMask, bool causal)
    {
        using var scope = torch.NewDisposeScope();
        long b = q.shape[0], tq = q.shape[2], tk = k.shape[2];
        var scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(q.shape[3]);
        var masked = keyPaddingMask.view(b, 1, 1, tk);
        if (causal)
        {
            masked = masked.logical_or(torch.ones(tq, tk, dtype: ScalarType.Bool).triu(0));
        }
        var weights = torch.softmax(scores.masked_fill(masked, double.NegativeInfinity), -1).masked_fill(masked, 0.0);
        return weights.matmul(v).MoveToOuterDisposeScope();
    }
}
