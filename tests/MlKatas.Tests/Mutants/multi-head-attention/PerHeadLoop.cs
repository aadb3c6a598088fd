// Expect: Passed
// Mistake: None: a C# loop over the H heads, each projecting with its own Dh rows of the weights and attending on
// [B, T, Dh] tensors, then one output projection of the concatenated heads; a speed-budget control.
namespace MlKatas.Katas;

public static class MultiHeadAttention
{
    public static Tensor Forward(Tensor query, Tensor key, Tensor value, Tensor inProjWeight, Tensor inProjBias,
        Tensor outProjWeight, Tensor outProjBias, long numHeads)
    {
        using var scope = torch.NewDisposeScope();
        long e = query.shape[2], dh = e / numHeads;
        var outputs = new List<Tensor>();
        for (long h = 0; h < numHeads; h++)
        {
            var q = nn.functional.linear(query, inProjWeight.narrow(0, h * dh, dh), inProjBias.narrow(0, h * dh, dh));
            var k = nn.functional.linear(key, inProjWeight.narrow(0, e + h * dh, dh), inProjBias.narrow(0, e + h * dh, dh));
            var v = nn.functional.linear(value, inProjWeight.narrow(0, 2 * e + h * dh, dh), inProjBias.narrow(0, 2 * e + h * dh, dh));
            var p = torch.softmax(q.matmul(k.transpose(1, 2)) / Math.Sqrt(dh), -1);   // [B,Tq,Tk]
            outputs.Add(p.matmul(v));                                                  // [B,Tq,Dh]
        }
        var heads = torch.cat(outputs.ToArray(), dim: 2);                              // [B,Tq,E], head h at [h·Dh, (h+1)·Dh)
        return nn.functional.linear(heads, outProjWeight, outProjBias).MoveToOuterDisposeScope();
    }
}
