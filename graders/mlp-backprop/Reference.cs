namespace MlKatas.Katas;

/// <summary>Reference for the mlp-backprop kata: Linear → ReLU → Linear → mean softmax cross-entropy, backward by hand.</summary>
public static class MlpBackprop
{
    /// <summary>The mean cross-entropy loss of the two-layer MLP on (x, labels) and its gradients, derived by hand.</summary>
    /// <param name="x">[N, D] float32 or float64.</param>
    /// <param name="labels">[N] int64 in [0, C).</param>
    /// <param name="w1">[H, D], the dtype of x.</param>
    /// <param name="b1">[H].</param>
    /// <param name="w2">[C, H].</param>
    /// <param name="b2">[C].</param>
    /// <returns>The loss (0-d) and dX [N, D], dW1 [H, D], dB1 [H], dW2 [C, H], dB2 [C], in the dtype of x.</returns>
    public static (Tensor Loss, Tensor DX, Tensor DW1, Tensor DB1, Tensor DW2, Tensor DB2) LossAndGradients(
        Tensor x, Tensor labels, Tensor w1, Tensor b1, Tensor w2, Tensor b2)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0];
        // Forward: h = x W1ᵀ + b1, a = relu(h), z = a W2ᵀ + b2.
        var h = torch.addmm(b1, x, w1.t(), 1, 1);
        var a = h.relu();
        var z = torch.addmm(b2, a, w2.t(), 1, 1);
        // A stable log-softmax: the row max shifted out before exp.
        var logp = z - z.amax([1], keepdim: true);
        logp.sub_(logp.exp().sum([1], keepdim: true).log_());
        var picked = logp.gather(1, labels.unsqueeze(1));
        var loss = picked.sum().neg_().div_(n);
        // Backward: dz = (softmax − onehot) / N.
        var dz = logp.exp_();
        dz.scatter_add_(1, labels.unsqueeze(1), torch.full_like(picked, -1.0)).div_(n);
        var dw2 = dz.t().mm(a);
        var db2 = dz.sum([0]);
        var dh = dz.mm(w2).mul_(h > 0);   // ReLU'(0) = 0, as PyTorch
        var dw1 = dh.t().mm(x);
        var db1 = dh.sum([0]);
        var dx = dh.mm(w1);
        return (loss.MoveToOuterDisposeScope(), dx.MoveToOuterDisposeScope(), dw1.MoveToOuterDisposeScope(),
            db1.MoveToOuterDisposeScope(), dw2.MoveToOuterDisposeScope(), db2.MoveToOuterDisposeScope());
    }
}
