// Expect: TooSlow
// Mistake: Handles one query at a time in a C# loop (distances to every training point, a stable sort, a bincount per
// query) — a Python-style loop where one [m, n] distance matrix does it all.
namespace MlKatas.Katas;

public static class KNearestNeighbors
{
    public static Tensor Classify(Tensor xTrain, Tensor yTrain, Tensor xQuery, long k)
    {
        long m = xQuery.shape[0], classes = yTrain.max().item<long>() + 1;
        var result = new long[m];
        for (long i = 0; i < m; i++)
        {
            using var scope = torch.NewDisposeScope();
            var distances = (xTrain - xQuery[i]).pow(2).sum(dim: 1);
            var (_, order) = distances.sort(stable: true);
            var votes = torch.bincount(yTrain.index_select(0, order[..(int)k]), minlength: classes);
            result[i] = votes.argmax().item<long>();
        }
        return torch.tensor(result);
    }

    public static Tensor Regress(Tensor xTrain, Tensor yTrain, Tensor xQuery, long k)
    {
        long m = xQuery.shape[0];
        var result = new double[m];
        for (long i = 0; i < m; i++)
        {
            using var scope = torch.NewDisposeScope();
            var distances = (xTrain - xQuery[i]).pow(2).sum(dim: 1);
            var (_, order) = distances.sort(stable: true);
            result[i] = yTrain.index_select(0, order[..(int)k]).mean().item<double>();
        }
        return torch.tensor(result, dtype: float64);
    }
}
