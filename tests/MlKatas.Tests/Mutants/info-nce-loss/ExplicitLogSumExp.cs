// Expect: Passed
// Mistake: None: positives as row-wise dot products with the other view, a −∞ diagonal and logsumexp by hand (no cross_entropy), F.normalize for the unit rows — a control for the speed budget.
namespace MlKatas.Katas;

public static class InfoNce
{
    public static Tensor NtXent(Tensor z1, Tensor z2, double temperature)
    {
        using var scope = torch.NewDisposeScope();
        var u1 = torch.nn.functional.normalize(z1, p: 2, dim: 1, eps: 1e-12);
        var u2 = torch.nn.functional.normalize(z2, p: 2, dim: 1, eps: 1e-12);
        var u = torch.cat([u1, u2], 0);
        var sim = u.matmul(u.t()) / temperature;
        var diag = torch.eye(u.shape[0], dtype: ScalarType.Bool);
        var lse = sim.masked_fill(diag, double.NegativeInfinity).logsumexp(1, keepdim: false);
        // The positive of anchor a is its other view: u1·u2 for both halves.
        var pos = (u1 * u2).sum(dim: 1) / temperature;
        return (lse - torch.cat([pos, pos], 0)).mean().MoveToOuterDisposeScope();
    }

    public static Tensor Clip(Tensor z1, Tensor z2, double temperature)
    {
        using var scope = torch.NewDisposeScope();
        var u1 = torch.nn.functional.normalize(z1, p: 2, dim: 1, eps: 1e-12);
        var u2 = torch.nn.functional.normalize(z2, p: 2, dim: 1, eps: 1e-12);
        var logits = u1.matmul(u2.t()) / temperature;
        var pos = logits.diagonal();
        var rows = (logits.logsumexp(1, keepdim: false) - pos).mean();
        var cols = (logits.logsumexp(0, keepdim: false) - pos).mean();
        return ((rows + cols) / 2).MoveToOuterDisposeScope();
    }
}
