// Expect: WrongDtype
// Mistake: Collects the indices in a C# int[] and returns torch.tensor(int[]), which is int32, not int64.
namespace MlKatas.Katas;

public static class KMeansPlusPlus
{
    public static (Tensor Indices, Tensor Centres) Seed(Tensor x, Tensor uniforms)
    {
        using var scope = torch.NewDisposeScope();
        int n = (int)x.shape[0], k = (int)uniforms.shape[0];
        double[] u = uniforms.data<double>().ToArray();
        var indices = new int[k];
        indices[0] = Math.Min((int)Math.Floor(u[0] * n), n - 1);
        var d2 = (x - x[indices[0]]).pow(2).sum(dim: 1);
        for (int j = 1; j < k; j++)
        {
            var cumulative = d2.cumsum(0);
            var threshold = cumulative[n - 1] * u[j];
            var eligible = (cumulative >= threshold).logical_and(d2 > 0);
            int i = (int)eligible.to_type(ScalarType.Int32).argmax().item<long>();
            indices[j] = i;
            d2 = torch.minimum(d2, (x - x[i]).pow(2).sum(dim: 1));
        }
        var chosen = torch.tensor(indices);
        return (chosen.MoveToOuterDisposeScope(), x.index_select(0, chosen.to_type(ScalarType.Int64)).MoveToOuterDisposeScope());
    }
}
