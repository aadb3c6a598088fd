// Expect: ForbiddenApi
// Mistake: Gets the gradients from autograd (requires_grad + backward) instead of deriving them.
namespace MlKatas.Katas;

public static class MlpBackprop
{
    public static (Tensor Loss, Tensor DX, Tensor DW1, Tensor DB1, Tensor DW2, Tensor DB2) LossAndGradients(
        Tensor x, Tensor labels, Tensor w1, Tensor b1, Tensor w2, Tensor b2)
    {
        using var scope = torch.NewDisposeScope();
        using var enabled = torch.enable_grad();
        var ps = new[] { x, w1, b1, w2, b2 }.Select(t => t.detach().clone().requires_grad_(true)).ToArray();
        var z = (ps[0].matmul(ps[1].t()) + ps[2]).relu().matmul(ps[3].t()) + ps[4];
        var logp = z.log_softmax(1);
        var loss = -logp.gather(1, labels.unsqueeze(1)).sum() / x.shape[0];
        loss.backward();
        var (dx, dw1, db1, dw2, db2) = (ps[0].grad!, ps[1].grad!, ps[2].grad!, ps[3].grad!, ps[4].grad!);
        loss = loss.detach();
        return (loss.MoveToOuterDisposeScope(), dx.MoveToOuterDisposeScope(), dw1.MoveToOuterDisposeScope(),
            db1.MoveToOuterDisposeScope(), dw2.MoveToOuterDisposeScope(), db2.MoveToOuterDisposeScope());
    }
}
