// Expect: WrongAnswer
// Mistake: Splits the heads with view(B, H, T, Dh) straight from [B, T, E] instead of view(B, T, H, Dh).transpose(1, 2):
// each "head" then mixes time steps and features of several heads.
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
        Tensor Project(Tensor x, int i) => x.matmul(w[i].T) + bias[i];
        Tensor Heads(Tensor x, long t) => x.view(b, numHeads, t, dh);
        var q = Heads(Project(query, 0), tq);
        var k = Heads(Project(key, 1), tk);
        var v = Heads(Project(value, 2), tk);
        var p = torch.softmax(q.matmul(k.transpose(-2, -1)) / Math.Sqrt(dh), -1);
        var heads = p.matmul(v).reshape(b, tq, e);   // the inverse of the same wrong view
        return (heads.matmul(outProjWeight.T) + outProjBias).MoveToOuterDisposeScope();
    }
}
