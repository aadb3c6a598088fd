// Expect: WrongAnswer
// Mistake: Forgets the output projection and returns the concatenated heads.
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
        Tensor Heads(Tensor x, long t) => x.view(b, t, numHeads, dh).transpose(1, 2);
        var q = Heads(Project(query, 0), tq);
        var k = Heads(Project(key, 1), tk);
        var v = Heads(Project(value, 2), tk);
        var p = torch.softmax(q.matmul(k.transpose(-2, -1)) / Math.Sqrt(dh), -1);
        var heads = p.matmul(v).transpose(1, 2).reshape(b, tq, e);
        return heads.MoveToOuterDisposeScope();
    }
}
