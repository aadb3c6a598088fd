// Expect: WrongGradient
// Mistake: db as the mean of dY over the batch instead of its sum (the loss's mean is already in dY).
namespace MlKatas.Katas;

public static class LinearBackward
{
    public static (Tensor DX, Tensor DW, Tensor DB) Backward(Tensor dy, Tensor x, Tensor w)
    {
        using var scope = torch.NewDisposeScope();
        var dy2 = dy.reshape(-1, w.shape[0]);
        var x2 = x.reshape(-1, w.shape[1]);
        var dx = dy.matmul(w);
        var dw = dy2.t().matmul(x2);
        var db = dy2.mean([0]);
        return (dx.MoveToOuterDisposeScope(), dw.MoveToOuterDisposeScope(), db.MoveToOuterDisposeScope());
    }
}
