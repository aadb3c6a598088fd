// Expect: NonFinite
// Mistake: Softmax as exp(z) / Σ exp(z) without subtracting the row max: exp overflows for logits of ~1e3 (inf/inf = NaN).
namespace MlKatas.Katas;

public static class MlpBackprop
{
    public static (Tensor Loss, Tensor DX, Tensor DW1, Tensor DB1, Tensor DW2, Tensor DB2) LossAndGradients(
        Tensor x, Tensor labels, Tensor w1, Tensor b1, Tensor w2, Tensor b2)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], c = w2.shape[0];
        var h = x.matmul(w1.t()) + b1;
        var a = h.relu();
        var z = a.matmul(w2.t()) + b2;
        var p = z.exp() / z.exp().sum([1], keepdim: true);
        var logp = p.log();
        var loss = -logp.gather(1, labels.unsqueeze(1)).sum() / n;
        var dz = (logp.exp() - torch.nn.functional.one_hot(labels, c).to(x.dtype)) / n;
        var dw2 = dz.t().matmul(a);
        var db2 = dz.sum([0]);
        var dh = dz.matmul(w2) * (h > 0);
        var dw1 = dh.t().matmul(x);
        var db1 = dh.sum([0]);
        var dx = dh.matmul(w1);
        return (loss.MoveToOuterDisposeScope(), dx.MoveToOuterDisposeScope(), dw1.MoveToOuterDisposeScope(),
            db1.MoveToOuterDisposeScope(), dw2.MoveToOuterDisposeScope(), db2.MoveToOuterDisposeScope());
    }
}
