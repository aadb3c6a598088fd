// Expect: WrongAnswer
// Mistake: Skips the L2 normalisation: raw dot products instead of cosine similarities, so the row norms change the loss.
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
        return torch.nn.functional.cross_entropy(logits, target).MoveToOuterDisposeScope();
    }

    public static Tensor Clip(Tensor z1, Tensor z2, double temperature)
    {
        using var scope = torch.NewDisposeScope();
        var logits = Normalize(z1).matmul(Normalize(z2).t()).div(temperature);
        var target = torch.arange(z1.shape[0], dtype: ScalarType.Int64);
        var loss = torch.nn.functional.cross_entropy(logits, target).add(torch.nn.functional.cross_entropy(logits.t(), target)).div(2);
        return loss.MoveToOuterDisposeScope();
    }

    // x / max(‖x‖, 1e-12) row by row, as torch.nn.functional.normalize.
    private static Tensor Normalize(Tensor x) => x;
}
