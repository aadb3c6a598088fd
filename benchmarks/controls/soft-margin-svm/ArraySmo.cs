// Expect: Passed
// Mistake: None: the control. The kernel matrix from torch, then libsvm's SMO (second-order working-set selection)
// on plain double[] arrays: the loop is sequential, so arrays beat tensors here; this proves the budget is not tight.
namespace MlKatas.Katas;

public sealed record SvmResult(Tensor Alpha, double Bias, Tensor Decision);

public static class SoftMarginSvm
{
    public static SvmResult Fit(Tensor x, Tensor y, Tensor queries, double c, string kernel, double gamma)
    {
        using var scope = torch.NewDisposeScope();
        int n = (int)x.shape[0];
        var centre = x.mean(new long[] { 0 }, keepdim: true);
        Tensor KernelOf(Tensor a)
        {
            if (kernel == "linear")
            {
                return a.matmul(x.t());
            }
            var diff = (a - centre).unsqueeze(1) - (x - centre).unsqueeze(0);
            return torch.exp(-gamma * diff.pow(2).sum(dim: 2));
        }
        double[] k = KernelOf(x).data<double>().ToArray();   // row-major [n, n]
        double[] labels = y.data<double>().ToArray();
        var a = new double[n];
        var v = (double[])labels.Clone();   // v_i = y_i − Σ_j α_j y_j K_ij
        bool Up(int p) => labels[p] > 0 ? a[p] < c : a[p] > 0;
        bool Low(int p) => labels[p] > 0 ? a[p] > 0 : a[p] < c;
        while (true)
        {
            int i = -1;
            double vMax = double.NegativeInfinity, vMin = double.PositiveInfinity;
            for (int p = 0; p < n; p++)
            {
                if (Up(p) && v[p] > vMax) { vMax = v[p]; i = p; }
                if (Low(p) && v[p] < vMin) { vMin = v[p]; }
            }
            if (vMax - vMin <= 1e-8)
            {
                break;
            }
            int j = -1;
            double best = double.NegativeInfinity;
            for (int p = 0; p < n; p++)
            {
                if (Low(p) && v[p] < vMax)
                {
                    double curvature = Math.Max(k[i * n + i] + k[p * n + p] - 2 * k[i * n + p], 1e-12);
                    double gain = (vMax - v[p]) * (vMax - v[p]) / curvature;
                    if (gain > best) { best = gain; j = p; }
                }
            }
            double eta = Math.Max(k[i * n + i] + k[j * n + j] - 2 * k[i * n + j], 1e-12);
            double yi = labels[i], yj = labels[j];
            double roomI = yi > 0 ? c - a[i] : a[i], roomJ = yj > 0 ? a[j] : c - a[j];
            double t = Math.Min((v[i] - v[j]) / eta, Math.Min(roomI, roomJ));
            double newI = t == roomI ? (yi > 0 ? c : 0) : a[i] + yi * t;
            double newJ = t == roomJ ? (yj > 0 ? 0 : c) : a[j] - yj * t;
            double dI = yi * (newI - a[i]), dJ = yj * (newJ - a[j]);
            a[i] = newI;
            a[j] = newJ;
            for (int p = 0; p < n; p++)
            {
                v[p] -= k[i * n + p] * dI + k[j * n + p] * dJ;
            }
        }
        double sum = 0, lowerEnd = double.NegativeInfinity, upperEnd = double.PositiveInfinity;
        int free = 0;
        for (int p = 0; p < n; p++)
        {
            if (a[p] > 0 && a[p] < c) { sum += v[p]; free++; }
            if (Up(p)) { lowerEnd = Math.Max(lowerEnd, v[p]); }
            if (Low(p)) { upperEnd = Math.Min(upperEnd, v[p]); }
        }
        double bias = free > 0 ? sum / free : (lowerEnd + upperEnd) / 2;
        var alpha = torch.tensor(a, dtype: float64);
        var decision = KernelOf(queries).matmul(alpha * y) + bias;
        return new SvmResult(alpha.MoveToOuterDisposeScope(), bias, decision.MoveToOuterDisposeScope());
    }
}
