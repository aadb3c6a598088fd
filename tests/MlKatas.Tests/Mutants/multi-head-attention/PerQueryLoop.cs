// Expect: TooSlow
// Mistake: Vectorised projections, but the attention itself is a C# loop over batch, head and query position with a
// tiny softmax per row: B·H·Tq small tensor calls where a few batched ones would do.
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
        var q = nn.functional.linear(query, w[0], bias[0]);
        var k = nn.functional.linear(key, w[1], bias[1]);
        var v = nn.functional.linear(value, w[2], bias[2]);
        var heads = torch.zeros(b, tq, e, dtype: query.dtype);
        double scale = 1.0 / Math.Sqrt(dh);
        for (long n = 0; n < b; n++)
        {
            for (long h = 0; h < numHeads; h++)
            {
                var kh = k[n].narrow(1, h * dh, dh);   // [Tk,Dh]
                var vh = v[n].narrow(1, h * dh, dh);
                for (long i = 0; i < tq; i++)
                {
                    using var step = torch.NewDisposeScope();
                    var p = torch.softmax(kh.matmul(q[n, i].narrow(0, h * dh, dh)) * scale, 0);
                    heads[n, i].narrow(0, h * dh, dh).copy_(p.matmul(vh));
                }
            }
        }
        return nn.functional.linear(heads, outProjWeight, outProjBias).MoveToOuterDisposeScope();
    }
}
