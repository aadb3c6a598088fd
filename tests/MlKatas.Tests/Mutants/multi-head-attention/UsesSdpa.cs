// Expect: ForbiddenApi
// Mistake: Writes the projections but hands the per-head attention to the built-in scaled_dot_product_attention.
namespace MlKatas.Katas;

public static class MultiHeadAttention
{
    public static Tensor Forward(Tensor query, Tensor key, Tensor value, Tensor inProjWeight, Tensor inProjBias,
        Tensor outProjWeight, Tensor outProjBias, long numHeads)
    {
        using var scope = torch.NewDisposeScope();
        long b = query.shape[0], tq = query.shape[1], tk = key.shape[1], e = query.shape[2];
        long dh = e / numHeads;
        var w = inProjWeight.chunk(3, 0);
        var bias = inProjBias.chunk(3, 0);
        Tensor Heads(Tensor x, int i, long t) => nn.functional.linear(x, w[i], bias[i]).view(b, t, numHeads, dh).transpose(1, 2);
        var heads = nn.functional.scaled_dot_product_attention(Heads(query, 0, tq), Heads(key, 1, tk), Heads(value, 2, tk))
            .transpose(1, 2).reshape(b, tq, e);
        return nn.functional.linear(heads, outProjWeight, outProjBias).MoveToOuterDisposeScope();
    }
}
