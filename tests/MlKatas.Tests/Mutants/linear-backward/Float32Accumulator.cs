// Expect: WrongGradient
// Mistake: Makes the weight gradient's accumulator with torch.zeros(OUT, IN) — float32 by default — and adds into it: float64 gradients rounded to float32.
namespace MlKatas.Katas;

public static class LinearBackward
{
    public static (Tensor DX, Tensor DW, Tensor DB) Backward(Tensor dy, Tensor x, Tensor w)
    {
        using var scope = torch.NewDisposeScope();
        var dy2 = dy.reshape(-1, w.shape[0]);
        var x2 = x.reshape(-1, w.shape[1]);
        var dx = dy.matmul(w);
        var dw = torch.zeros(w.shape[0], w.shape[1]).to(x.dtype);
        dw.add_(dy2.t().matmul(x2).to(ScalarType.Float32).to(x.dtype));
        var db = dy2.sum([0]);
        return (dx.MoveToOuterDisposeScope(), dw.MoveToOuterDisposeScope(), db.MoveToOuterDisposeScope());
    }
}
