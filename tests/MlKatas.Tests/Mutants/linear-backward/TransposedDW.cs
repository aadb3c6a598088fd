// Expect: WrongShape
// Mistake: dW = Xᵀ·dY ([IN, OUT]) instead of dYᵀ·X: right-shaped only when W is square.
namespace MlKatas.Katas;

public static class LinearBackward
{
    public static (Tensor DX, Tensor DW, Tensor DB) Backward(Tensor dy, Tensor x, Tensor w)
    {
        using var scope = torch.NewDisposeScope();
        var dy2 = dy.reshape(-1, w.shape[0]);
        var x2 = x.reshape(-1, w.shape[1]);
        var dx = dy.matmul(w);
        var dw = x2.t().matmul(dy2);
        var db = dy2.sum([0]);
        return (dx.MoveToOuterDisposeScope(), dw.MoveToOuterDisposeScope(), db.MoveToOuterDisposeScope());
    }
}
