// Expect: Passed
// Mistake: None: every product written as an einsum (projections with each third of the packed weight, scores,
// weighted sum, output projection) and a hand-written stable softmax; a speed-budget control.
namespace MlKatas.Katas;

public static class MultiHeadAttention
{
    public static Tensor Forward(Tensor query, Tensor key, Tensor value, Tensor inProjWeight, Tensor inProjBias,
        Tensor outProjWeight, Tensor outProjBias, long numHeads)
    {
        using var scope = torch.NewDisposeScope();
        long b = query.shape[0], tq = query.shape[1], tk = key.shape[1], e = query.shape[2];
        long dh = e / numHeads;
        // Weights [3E, E] viewed as [3, H, Dh, E]: projection p, head h, feature d of that head.
        var w = inProjWeight.view(3, numHeads, dh, e);
        var bias = inProjBias.view(3, numHeads, 1, dh);
        var q = torch.einsum("bte,hde->bhtd", query, w[0]) + bias[0];   // [B,H,Tq,Dh]
        var k = torch.einsum("bte,hde->bhtd", key, w[1]) + bias[1];
        var v = torch.einsum("bte,hde->bhtd", value, w[2]) + bias[2];
        var scores = torch.einsum("bhid,bhjd->bhij", q, k) / Math.Sqrt(dh);
        var p = (scores - scores.amax(new long[] { -1 }, keepdim: true)).exp();
        p = p / p.sum(-1, keepdim: true);
        var heads = torch.einsum("bhij,bhjd->bihd", p, v).reshape(b, tq, e);
        return (torch.einsum("bte,fe->btf", heads, outProjWeight) + outProjBias).MoveToOuterDisposeScope();
    }
}
