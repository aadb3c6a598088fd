// Expect: Passed
// Mistake: None: torch's log_softmax, a one-hot built by scatter, torch.where for the ReLU mask and einsum for the weight gradients — a control for the speed budget.
namespace MlKatas.Katas;

public static class MlpBackprop
{
    public static (Tensor Loss, Tensor DX, Tensor DW1, Tensor DB1, Tensor DW2, Tensor DB2) LossAndGradients(
        Tensor x, Tensor labels, Tensor w1, Tensor b1, Tensor w2, Tensor b2)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0];
        var h = torch.einsum("nd,hd->nh", x, w1) + b1;
        var a = torch.where(h > 0, h, torch.zeros_like(h));
        var z = torch.einsum("nh,ch->nc", a, w2) + b2;
        var logp = z.log_softmax(1);
        var onehot = torch.zeros_like(z).scatter_(1, labels.unsqueeze(1), torch.ones_like(z));
        var loss = -(onehot * logp).sum() / n;
        var dz = (logp.exp() - onehot) / n;
        var dw2 = torch.einsum("nc,nh->ch", dz, a);
        var db2 = dz.sum([0]);
        var da = dz.matmul(w2);
        var dh = torch.where(h > 0, da, torch.zeros_like(da));
        var dw1 = torch.einsum("nh,nd->hd", dh, x);
        var db1 = dh.sum([0]);
        var dx = dh.matmul(w1);
        return (loss.MoveToOuterDisposeScope(), dx.MoveToOuterDisposeScope(), dw1.MoveToOuterDisposeScope(),
            db1.MoveToOuterDisposeScope(), dw2.MoveToOuterDisposeScope(), db2.MoveToOuterDisposeScope());
    }
}
