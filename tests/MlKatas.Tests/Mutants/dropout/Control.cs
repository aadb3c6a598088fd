// Expect: Passed
// Mistake: None: the canonical "scaled mask" formulation — mask = (u ≥ p) as x's dtype times 1/(1 − p), y = x·mask — a control for the speed budget.
namespace MlKatas.Katas;

public static class Dropout
{
    public static Tensor Forward(Tensor x, Tensor u, double p, bool training) =>
        training ? x * ScaledMask(u, p, x.dtype) : x.clone();

    public static Tensor Backward(Tensor dy, Tensor u, double p, bool training) =>
        training ? dy * ScaledMask(u, p, dy.dtype) : dy.clone();

    private static Tensor ScaledMask(Tensor u, double p, ScalarType dtype) =>
        p == 1 ? torch.zeros_like(u, dtype: dtype) : u.ge(p).to_type(dtype).mul_(1.0 / (1.0 - p));
}
