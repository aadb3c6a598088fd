// Expect: WrongAnswer
// Mistake: with no free support vector, takes the lower end of the optimal-bias interval, max over I_up of v (the
// bias some textbook SMOs keep from their last step), instead of the statement's midpoint. Correct whenever some alpha
// is free, so only a case with none can tell; random cases never have none (the midpoint hangs on rounding there), so
// the fixed case 03-no-free-sv-midpoint has to.
namespace MlKatas.Katas;

public sealed record SvmResult(Tensor Alpha, double Bias, Tensor Decision);

public static class SoftMarginSvm
{
    public static SvmResult Fit(Tensor x, Tensor y, Tensor queries, double c, string kernel, double gamma)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0];
        var k = Kernel(x, x, x, kernel, gamma);
        var alpha = torch.zeros(n, dtype: float64);
        var v = y.clone();   // v_i = y_i − Σ_j α_j y_j K_ij
        var positive = y.gt(0);
        Tensor up = positive, low = positive.logical_not();
        for (int iteration = 0; iteration < 1_000_000; iteration++)
        {
            using var step = torch.NewDisposeScope();
            up = torch.where(positive, alpha.lt(c), alpha.gt(0));
            low = torch.where(positive, alpha.gt(0), alpha.lt(c));
            // maximal violating pair: largest v over I_up, smallest v over I_low
            long i = v.masked_fill(up.logical_not(), double.NegativeInfinity).argmax().item<long>();
            long j = v.masked_fill(low.logical_not(), double.PositiveInfinity).argmin().item<long>();
            double vi = v[i].item<double>(), vj = v[j].item<double>();
            if (vi - vj <= 1e-8)
            {
                up.MoveToOuterDisposeScope();
                low.MoveToOuterDisposeScope();
                break;
            }
            double yi = y[i].item<double>(), yj = y[j].item<double>();
            double ai = alpha[i].item<double>(), aj = alpha[j].item<double>();
            double eta = Math.Max(k[i, i].item<double>() + k[j, j].item<double>() - 2 * k[i, j].item<double>(), 1e-12);
            double t = (vi - vj) / eta;
            double roomI = yi > 0 ? c - ai : ai, roomJ = yj > 0 ? aj : c - aj;   // how far t may go for each
            t = Math.Min(t, Math.Min(roomI, roomJ));
            double newI = t == roomI ? (yi > 0 ? c : 0) : ai + yi * t;   // exactly on the bound when clipped
            double newJ = t == roomJ ? (yj > 0 ? 0 : c) : aj - yj * t;
            alpha[i] = newI;
            alpha[j] = newJ;
            v.sub_(k[i] * (yi * (newI - ai)) + k[j] * (yj * (newJ - aj)));
        }
        var free = alpha.gt(1e-12).logical_and(alpha.lt(c - 1e-12));
        double bias = free.any().item<bool>()
            ? v.masked_select(free).mean().item<double>()
            : v.masked_select(up).max().item<double>();
        var decision = Kernel(queries, x, x, kernel, gamma).matmul(alpha * y) + bias;
        return new SvmResult(alpha.MoveToOuterDisposeScope(), bias, decision.MoveToOuterDisposeScope());
    }

    private static Tensor Kernel(Tensor a, Tensor b, Tensor train, string kernel, double gamma)
    {
        if (kernel == "linear")
        {
            return a.matmul(b.t());
        }
        var diff = a.unsqueeze(1) - b.unsqueeze(0);            // [rows of a, rows of b, d]
        var squared = diff.pow(2).sum(dim: 2);
        return torch.exp(-gamma * squared);
    }
}
