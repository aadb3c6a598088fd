// Expect: TooSlow
// Mistake: Correct, but back-propagates one sample at a time in a C# loop and accumulates the gradients.
namespace MlKatas.Katas;

public static class MlpBackprop
{
    public static (Tensor Loss, Tensor DX, Tensor DW1, Tensor DB1, Tensor DW2, Tensor DB2) LossAndGradients(
        Tensor x, Tensor labels, Tensor w1, Tensor b1, Tensor w2, Tensor b2)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0];
        var loss = torch.zeros(Array.Empty<long>(), dtype: x.dtype);
        var dx = torch.zeros_like(x);
        var (dw1, db1, dw2, db2) = (torch.zeros_like(w1), torch.zeros_like(b1), torch.zeros_like(w2), torch.zeros_like(b2));
        for (long i = 0; i < n; i++)
        {
            using var sample = torch.NewDisposeScope();
            var xi = x[i];
            long yi = labels[i].item<long>();
            var h = w1.matmul(xi) + b1;
            var a = h.relu();
            var z = w2.matmul(a) + b2;
            var shifted = z - z.max();
            var logp = shifted - shifted.exp().sum().log();
            loss.sub_(logp[yi] / n);
            var dz = logp.exp() / n;
            dz[yi] -= 1.0 / n;
            dw2.add_(torch.outer(dz, a));
            db2.add_(dz);
            var dh = w2.t().matmul(dz) * (h > 0);
            dw1.add_(torch.outer(dh, xi));
            db1.add_(dh);
            dx[i] = w1.t().matmul(dh);
        }
        return (loss.MoveToOuterDisposeScope(), dx.MoveToOuterDisposeScope(), dw1.MoveToOuterDisposeScope(),
            db1.MoveToOuterDisposeScope(), dw2.MoveToOuterDisposeScope(), db2.MoveToOuterDisposeScope());
    }
}
