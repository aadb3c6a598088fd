// Expect: TooSlow
// Mistake: Correct, but computes NT-Xent one anchor at a time in a C# loop (its similarity row, the mask, a log-sum-exp), a Python-style loop where one matmul exists.
namespace MlKatas.Katas;

public static class InfoNce
{
    public static Tensor NtXent(Tensor z1, Tensor z2, double temperature)
    {
        using var scope = torch.NewDisposeScope();
        long n = z1.shape[0];
        var u = torch.nn.functional.normalize(torch.cat([z1, z2], 0), p: 2, dim: 1, eps: 1e-12);
        var total = torch.zeros(Array.Empty<long>(), dtype: z1.dtype);
        for (long a = 0; a < 2 * n; a++)
        {
            var row = u.matmul(u[a]) / temperature;
            var others = torch.arange(2 * n).ne(a);
            var lse = row.masked_select(others).logsumexp(0, keepdim: false);
            total = total + lse - row[(a + n) % (2 * n)];
        }
        return (total / (2 * n)).MoveToOuterDisposeScope();
    }

    public static Tensor Clip(Tensor z1, Tensor z2, double temperature)
    {
        using var scope = torch.NewDisposeScope();
        long n = z1.shape[0];
        var u1 = torch.nn.functional.normalize(z1, p: 2, dim: 1, eps: 1e-12);
        var u2 = torch.nn.functional.normalize(z2, p: 2, dim: 1, eps: 1e-12);
        var total = torch.zeros(Array.Empty<long>(), dtype: z1.dtype);
        for (long i = 0; i < n; i++)
        {
            var row = u2.matmul(u1[i]) / temperature;
            var col = u1.matmul(u2[i]) / temperature;
            total = total + (row.logsumexp(0, keepdim: false) - row[i]) + (col.logsumexp(0, keepdim: false) - col[i]);
        }
        return (total / (2 * n)).MoveToOuterDisposeScope();
    }
}
