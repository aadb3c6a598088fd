// Expect: NonFinite
// Mistake: Computes the cross-entropy as −s_pos + log Σ exp(s) without subtracting the row maximum: exp overflows once the logits pass ~88 (float32) or ~709 (float64), at small temperatures.
namespace MlKatas.Katas;

public static class InfoNce
{
    public static Tensor NtXent(Tensor z1, Tensor z2, double temperature)
    {
        using var scope = torch.NewDisposeScope();
        long n = z1.shape[0];
        var u = Normalize(torch.cat([z1, z2], 0));
        var self = torch.eye(2 * n, dtype: ScalarType.Bool);
        var logits = u.matmul(u.t()).div(temperature).masked_fill(self, double.NegativeInfinity);
        var target = torch.arange(2 * n, dtype: ScalarType.Int64).add_(n).remainder_(2 * n);
        var pos = logits.gather(1, target.view(-1, 1)).squeeze(1);
        return (logits.exp().sum(dim: 1).log() - pos).mean().MoveToOuterDisposeScope();
    }

    public static Tensor Clip(Tensor z1, Tensor z2, double temperature)
    {
        using var scope = torch.NewDisposeScope();
        var logits = Normalize(z1).matmul(Normalize(z2).t()).div(temperature);
        var target = torch.arange(z1.shape[0], dtype: ScalarType.Int64);
        var pos = logits.diagonal();
        var loss = ((logits.exp().sum(dim: 1).log() - pos).mean() + (logits.exp().sum(dim: 0).log() - pos).mean()).div(2);
        return loss.MoveToOuterDisposeScope();
    }

    // x / max(‖x‖, 1e-12) row by row, as torch.nn.functional.normalize.
    private static Tensor Normalize(Tensor x) => x.div(x.norm(1, keepdim: true).clamp_min(1e-12));
}
