namespace MlKatas.Katas;

/// <summary>
/// Reference for the linear-svm-primal kata: Pegasos with a given schedule, written as the recurrence reads. Each step
/// is one dot product read as a double, an in-place scale and (when the hinge is active) an in-place add, plus one
/// norm when projecting: the per-step cost is a handful of native calls, whatever d is.
/// </summary>
public static class LinearSvmPrimal
{
    /// <summary>Runs T Pegasos steps from w = 0 in the given order; see the statement for the exact recurrence.</summary>
    /// <param name="x">Samples [n,d], float64.</param>
    /// <param name="y">Labels [n] in {−1, +1}, float64.</param>
    /// <param name="lambda">λ &gt; 0.</param>
    /// <param name="order">Sample index of each step [T], int64.</param>
    /// <param name="project">Project onto the ball of radius 1/√λ after each step.</param>
    /// <returns>w after T steps [d], float64.</returns>
    public static Tensor Pegasos(Tensor x, Tensor y, double lambda, Tensor order, bool project)
    {
        using var scope = torch.NewDisposeScope();
        long[] schedule = order.data<long>().ToArray();   // one native call, not one per step
        double[] labels = y.data<double>().ToArray();
        double radius = 1 / Math.Sqrt(lambda);
        var w = torch.zeros(x.shape[1], dtype: float64);
        for (int step = 0; step < schedule.Length; step++)
        {
            using var iteration = torch.NewDisposeScope();
            long t = step + 1, i = schedule[step];
            double eta = 1 / (lambda * t);
            var xi = x[i];
            double margin = labels[i] * w.dot(xi).item<double>();   // of the current w, before the update
            w.mul_(1 - eta * lambda);                               // 0 at t = 1: the first step resets w
            if (margin < 1)
            {
                w.add_(xi, alpha: eta * labels[i]);
            }
            if (project)
            {
                double norm = w.norm().item<double>();
                if (norm > radius)                                  // never true for w = 0: no 0/0
                {
                    w.mul_(radius / norm);
                }
            }
        }
        return w.MoveToOuterDisposeScope();
    }
}
