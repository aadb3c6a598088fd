// Expect: TooSlow
// Mistake: Correct and stable, but computes each row's loss in a C# loop (a Python-style loop where one tensor op exists).
namespace MlKatas.Katas;

public static class CrossEntropy
{
    public static Tensor Loss(Tensor logits, Tensor targets, double labelSmoothing, long ignoreIndex)
    {
        long n = logits.shape[0], c = logits.shape[1];
        long[] t = targets.data<long>().ToArray();
        double total = 0;
        long kept = 0;
        for (long i = 0; i < n; i++)
        {
            if (t[i] == ignoreIndex)
            {
                continue;
            }
            using var scope = torch.NewDisposeScope();
            var row = logits[i].to_type(ScalarType.Float64);
            var shifted = row - row.max();
            var logProbs = shifted - shifted.exp().sum().log();
            total += (1 - labelSmoothing) * -logProbs[t[i]].item<double>() + labelSmoothing * -logProbs.mean().item<double>();
            kept++;
        }
        return torch.tensor(total / kept, dtype: logits.dtype);
    }
}
