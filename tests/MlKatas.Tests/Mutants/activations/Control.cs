// Expect: Passed
// Mistake: None: a different correct formulation (Φ from erfc, σ as 1/(1 + exp(−x)), SwiGLU with F.linear and einsum), a control for the speed budget.
namespace MlKatas.Katas;

public static class Activations
{
    public static Tensor Gelu(Tensor x, string approximate)
    {
        if (approximate == "tanh")
        {
            var inner = Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x.pow(3));
            return x * 0.5 * (inner.tanh() + 1);
        }
        return x * Cdf(x);
    }

    public static Tensor GeluBackward(Tensor dy, Tensor x, string approximate)
    {
        if (approximate == "tanh")
        {
            double c = Math.Sqrt(2 / Math.PI);
            var t = (c * (x + 0.044715 * x.pow(3))).tanh();
            var du = c * (1 + 3 * 0.044715 * x.square());
            return dy * (0.5 * (1 + t) + 0.5 * x * (1 - t.square()) * du);
        }
        var pdf = (-0.5 * x.square()).exp() / Math.Sqrt(2 * Math.PI);
        return dy * (Cdf(x) + x * pdf);
    }

    public static Tensor Silu(Tensor x) => x * Sigmoid(x);

    public static Tensor SiluBackward(Tensor dy, Tensor x)
    {
        var s = Sigmoid(x);
        return dy * (s + x * s * (1 - s));
    }

    public static Tensor SwiGlu(Tensor x, Tensor w, Tensor v) => Silu(torch.nn.functional.linear(x, w)) * torch.nn.functional.linear(x, v);

    public static (Tensor Dx, Tensor DW, Tensor DV) SwiGluBackward(Tensor dy, Tensor x, Tensor w, Tensor v)
    {
        var gate = torch.nn.functional.linear(x, w);
        var up = torch.nn.functional.linear(x, v);
        var dGate = SiluBackward(dy * up, gate);
        var dUp = dy * Silu(gate);
        var dx = dGate.matmul(w) + dUp.matmul(v);
        var dw = torch.einsum("...h,...d->hd", dGate, x);
        var dv = torch.einsum("...h,...d->hd", dUp, x);
        return (dx, dw, dv);
    }

    private static Tensor Cdf(Tensor x) => 0.5 * torch.erfc(-x / Math.Sqrt(2));

    private static Tensor Sigmoid(Tensor x) => 1 / (1 + (-x).exp());
}
