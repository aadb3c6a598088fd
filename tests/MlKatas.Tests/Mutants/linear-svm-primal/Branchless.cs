// Expect: Passed
// Mistake: None: a tensor-only version with no branch and no .item() per step (the hinge as a 0/1 tensor, the projection as a clamped factor, the signed samples y·x gathered once); the control that calibrates the speed budget.
namespace MlKatas.Katas;

public static class LinearSvmPrimal
{
    public static Tensor Pegasos(Tensor x, Tensor y, double lambda, Tensor order, bool project)
    {
        using var scope = torch.NewDisposeScope();
        long steps = order.shape[0];
        var signed = x.index_select(0, order) * y.index_select(0, order).unsqueeze(1);   // row t: y_i x_i of step t + 1
        double radius = 1 / Math.Sqrt(lambda);
        var w = torch.zeros(x.shape[1], dtype: float64);
        for (long t = 1; t <= steps; t++)
        {
            using var iteration = torch.NewDisposeScope();
            double eta = 1 / (lambda * t);
            var z = signed[t - 1];
            var active = w.dot(z).lt(1).to(ScalarType.Float64);   // 1 if y⟨w, x⟩ < 1, else 0
            w.mul_(1 - eta * lambda).add_(z * active * eta);
            if (project)
            {
                w.mul_(w.norm().reciprocal().mul_(radius).clamp_max_(1));   // 1/0 = ∞ → clamped to 1: w = 0 stays 0
            }
        }
        return w.MoveToOuterDisposeScope();
    }
}
