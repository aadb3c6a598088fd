// Expect: TooSlow
// Mistake: Correct, but accumulates dW and db one row of the flattened batch at a time in a C# loop.
namespace MlKatas.Katas;

public static class LinearBackward
{
    public static (Tensor DX, Tensor DW, Tensor DB) Backward(Tensor dy, Tensor x, Tensor w)
    {
        using var scope = torch.NewDisposeScope();
        var dy2 = dy.reshape(-1, w.shape[0]);
        var x2 = x.reshape(-1, w.shape[1]);
        var dw = torch.zeros_like(w);
        var db = torch.zeros(w.shape[0], dtype: x.dtype);
        var dx2 = torch.zeros_like(x2);
        for (long r = 0; r < dy2.shape[0]; r++)
        {
            using var row = torch.NewDisposeScope();
            dw.add_(torch.outer(dy2[r], x2[r]));
            db.add_(dy2[r]);
            dx2[r] = w.t().mv(dy2[r]);
        }
        return (dx2.view(x.shape).MoveToOuterDisposeScope(), dw.MoveToOuterDisposeScope(), db.MoveToOuterDisposeScope());
    }
}
