namespace MlKatas.Katas;

/// <summary>Reference for the multi-head-attention kata: torch.nn.MultiheadAttention's forward (batch_first, no masks).</summary>
public static class MultiHeadAttention
{
    /// <summary>
    /// Projects query, key and value with the packed input projection, splits the features into heads, runs scaled
    /// dot-product attention in every head, concatenates the heads and applies the output projection.
    /// </summary>
    /// <param name="query">[B,Tq,E], float32 or float64.</param>
    /// <param name="key">[B,Tk,E], same dtype.</param>
    /// <param name="value">[B,Tk,E], same dtype.</param>
    /// <param name="inProjWeight">[3E,E]: rows [0,E) W_q, [E,2E) W_k, [2E,3E) W_v.</param>
    /// <param name="inProjBias">[3E]: b_q, b_k, b_v.</param>
    /// <param name="outProjWeight">[E,E].</param>
    /// <param name="outProjBias">[E].</param>
    /// <param name="numHeads">Number of heads H; E is a multiple of H.</param>
    /// <returns>[B,Tq,E], dtype of <paramref name="query"/>.</returns>
    public static Tensor Forward(Tensor query, Tensor key, Tensor value, Tensor inProjWeight, Tensor inProjBias,
        Tensor outProjWeight, Tensor outProjBias, long numHeads)
    {
        using var scope = torch.NewDisposeScope();
        long b = query.shape[0], tq = query.shape[1], tk = key.shape[1], e = query.shape[2];
        long dh = e / numHeads;
        var w = inProjWeight.chunk(3, 0);
        var bias = inProjBias.chunk(3, 0);

        // [B,T,E] → [B,T,H,Dh] → [B,H,T,Dh]: head h owns features [h·Dh, (h+1)·Dh).
        Tensor Heads(Tensor x, int i, long t) =>
            nn.functional.linear(x, w[i], bias[i]).view(b, t, numHeads, dh).transpose(1, 2);

        var q = Heads(query, 0, tq) * (1.0 / Math.Sqrt(dh));   // scale the Tq·E queries, not the Tq·Tk scores
        var k = Heads(key, 1, tk);
        var v = Heads(value, 2, tk);

        // softmax subtracts the row max, so scores of magnitude 1e4 do not overflow.
        var weights = torch.softmax(q.matmul(k.transpose(-2, -1)), -1);    // [B,H,Tq,Tk]
        var heads = weights.matmul(v)                                        // [B,H,Tq,Dh]
            .transpose(1, 2)
            .reshape(b, tq, e);                                              // concatenated in feature order
        return nn.functional.linear(heads, outProjWeight, outProjBias).MoveToOuterDisposeScope();
    }
}
