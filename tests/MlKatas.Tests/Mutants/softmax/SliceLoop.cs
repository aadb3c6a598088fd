// Expect: TooSlow
// Mistake: Correct and stable, but loops in C# over every slice along dim (a Python-style loop where one tensor op exists).
namespace MlKatas.Katas;

public static class StableSoftmax
{
    public static Tensor Softmax(Tensor x, long dim) => PerSlice(x, dim, log: false);

    public static Tensor LogSoftmax(Tensor x, long dim) => PerSlice(x, dim, log: true);

    private static Tensor PerSlice(Tensor x, long dim, bool log)
    {
        var last = x.movedim([dim], [-1]).contiguous();
        long n = last.shape[^1];
        var rows = last.reshape(-1, n);
        var output = torch.empty_like(rows);
        for (long r = 0; r < rows.shape[0]; r++)
        {
            using var scope = torch.NewDisposeScope();
            var row = rows[r];
            var shifted = row - row.max();
            var logSum = shifted.exp().sum().log();
            output[r] = log ? shifted - logSum : (shifted - logSum).exp();
        }
        return output.reshape(last.shape).movedim([-1], [dim]).contiguous();
    }
}
