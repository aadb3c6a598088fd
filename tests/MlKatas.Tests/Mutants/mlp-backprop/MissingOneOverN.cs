// Expect: WrongGradient
// Mistake: A correct mean loss, but the gradients leave out its 1/N: dz = softmax − onehot.
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
        var logp = z - z.amax([1], keepdim: true);
        logp = logp - logp.exp().sum([1], keepdim: true).log();
        var loss = -logp.gather(1, labels.unsqueeze(1)).sum() / n;
        var dz = logp.exp() - torch.nn.functional.one_hot(labels, c).to(x.dtype);
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
