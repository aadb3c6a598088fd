// Expect: ForbiddenApi
// Mistake: Loads the given weights into TorchSharp's own nn.MultiheadAttention module and calls it.
namespace MlKatas.Katas;

public static class MultiHeadAttention
{
    public static Tensor Forward(Tensor query, Tensor key, Tensor value, Tensor inProjWeight, Tensor inProjBias,
        Tensor outProjWeight, Tensor outProjBias, long numHeads)
    {
        using var scope = torch.NewDisposeScope();
        long e = query.shape[2];
        var mha = nn.MultiheadAttention(e, numHeads);
        mha.to(query.dtype);
        using (torch.no_grad())
        {
            foreach (var (name, parameter) in mha.named_parameters())
            {
                var source = name switch
                {
                    "in_proj_weight" => inProjWeight,
                    "in_proj_bias" => inProjBias,
                    "out_proj.weight" => outProjWeight,
                    _ => outProjBias,
                };
                parameter.copy_(source);
            }
        }
        var (output, _) = mha.forward(query.transpose(0, 1), key.transpose(0, 1), value.transpose(0, 1), null, false, null);
        return output.transpose(0, 1).contiguous().MoveToOuterDisposeScope();
    }
}
