// Expect: WrongAnswer
// Mistake: Computes D² as ‖x‖² − 2x·c + ‖c‖² (the GEMM trick): far from the origin it cancels to rounding noise.
namespace MlKatas.Katas;

public static class KMeansPlusPlus
{
    public static (Tensor Indices, Tensor Centres) Seed(Tensor x, Tensor uniforms)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], k = uniforms.shape[0];
        double[] u = uniforms.data<double>().ToArray();
        var squaredNorms = x.pow(2).sum(dim: 1);
        Tensor Dist2(long i) => (squaredNorms - 2 * x.mv(x[i]) + squaredNorms[i]).clamp_min(0);
        var indices = new long[k];
        indices[0] = Math.Min((long)Math.Floor(u[0] * n), n - 1);
        var d2 = Dist2(indices[0]);
        for (long j = 1; j < k; j++)
        {
            var cumulative = d2.cumsum(0);
            var threshold = cumulative[n - 1] * u[j];
            var eligible = (cumulative >= threshold).logical_and(d2 > 0);
            long i = eligible.to_type(ScalarType.Int32).argmax().item<long>();
            indices[j] = i;
            d2 = torch.minimum(d2, Dist2(i));
        }
        var chosen = torch.tensor(indices);
        return (chosen.MoveToOuterDisposeScope(), x.index_select(0, chosen).MoveToOuterDisposeScope());
    }
}
