// Expect: Passed
// Mistake: None: dW and db by einsum/sum over the leading dims without flattening them — a control for the speed budget.
namespace MlKatas.Katas;

public static class LinearBackward
{
    public static (Tensor DX, Tensor DW, Tensor DB) Backward(Tensor dy, Tensor x, Tensor w)
    {
        using var scope = torch.NewDisposeScope();
        long[] lead = Enumerable.Range(0, (int)x.dim() - 1).Select(i => (long)i).ToArray();
        var dx = dy.matmul(w);
        var dw = torch.einsum("...o,...i->oi", dy, x);
        var db = lead.Length == 0 ? dy.clone() : dy.sum(lead);
        return (dx.MoveToOuterDisposeScope(), dw.MoveToOuterDisposeScope(), db.MoveToOuterDisposeScope());
    }
}
