namespace MlKatas.Katas;

/// <summary>Reference for the linear-backward kata: the gradients of Y = X·Wᵀ + b.</summary>
public static class LinearBackward
{
    /// <summary>dX = dY·W, dW = Σ dYᵀ·X and db = Σ dY over every leading dim.</summary>
    /// <param name="dy">Upstream gradient [..., OUT].</param>
    /// <param name="x">The forward's input [..., IN].</param>
    /// <param name="w">The weight [OUT, IN].</param>
    /// <returns>dX [..., IN], dW [OUT, IN], db [OUT].</returns>
    public static (Tensor DX, Tensor DW, Tensor DB) Backward(Tensor dy, Tensor x, Tensor w)
    {
        using var scope = torch.NewDisposeScope();
        long outFeatures = w.shape[0], inFeatures = w.shape[1];
        // Every leading dim is a batch dim: flatten them into one of M rows (a view for contiguous inputs).
        var dy2 = dy.reshape(-1, outFeatures);
        var x2 = x.reshape(-1, inFeatures);
        var dx = dy2.mm(w).view(x.shape);
        var dw = dy2.t().mm(x2);
        var db = dy2.sum([0]);
        return (dx.MoveToOuterDisposeScope(), dw.MoveToOuterDisposeScope(), db.MoveToOuterDisposeScope());
    }
}
