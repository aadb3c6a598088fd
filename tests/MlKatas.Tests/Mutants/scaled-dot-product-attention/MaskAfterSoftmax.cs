// Expect: WrongAnswer
// Mistake: Applies the mask after the softmax (zeroes the weights of masked keys) without renormalising, so the
// allowed keys' weights no longer sum to 1.
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
            masked = masked.logical_or(torch.ones(tq, tk, dtype: ScalarType.Bool).triu(1));
        }
        var weights = torch.softmax(scores, -1).masked_fill(masked, 0.0);
        return weights.matmul(v).MoveToOuterDisposeScope();
    }
}
