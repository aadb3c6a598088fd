// Expect: WrongShape
// Mistake: Written for [N, IN] only: dW = dYᵀ·X with matmul's batching over the leading dims ([B, OUT, IN] for 3-D inputs) and db summed over dim 0 only.
namespace MlKatas.Katas;

public static class LinearBackward
{
    public static (Tensor DX, Tensor DW, Tensor DB) Backward(Tensor dy, Tensor x, Tensor w)
    {
        using var scope = torch.NewDisposeScope();
        var dy2 = dy.reshape(-1, w.shape[0]);
        var x2 = x.reshape(-1, w.shape[1]);
        var dx = dy.matmul(w);
        var dw = x.dim() == 1 ? torch.outer(dy, x) : dy.mT.matmul(x);
        var db = x.dim() == 1 ? dy.clone() : dy.sum([0]);
        return (dx.MoveToOuterDisposeScope(), dw.MoveToOuterDisposeScope(), db.MoveToOuterDisposeScope());
    }
}
