// Expect: NonFinite
// Mistake: σ(x) written as exp(x) / (1 + exp(x)): exp overflows to infinity for x > 709 and inf/inf is NaN.
namespace MlKatas.Katas;

public static class Activations
{
    private const double SqrtHalf = 0.70710678118654752440;       // 1/sqrt(2)
    private const double InvSqrt2Pi = 0.39894228040143267794;     // 1/sqrt(2π)
    private const double SqrtTwoOverPi = 0.79788456080286535588;  // sqrt(2/π)
    private const double Cubic = 0.044715;
    public static Tensor Gelu(Tensor x, string approximate)
    {
        // Out of place throughout: the grader differentiates the forwards with autograd to grade the backwards.
        using var scope = torch.NewDisposeScope();
        var y = IsTanh(approximate)
            ? 0.5 * x * (1 + torch.tanh(SqrtTwoOverPi * (x + Cubic * x * x * x)))
            : 0.5 * x * (1 + torch.erf(x * SqrtHalf));
        return y.MoveToOuterDisposeScope();
    }

    public static Tensor GeluBackward(Tensor dy, Tensor x, string approximate)
    {
        using var scope = torch.NewDisposeScope();
        Tensor slope;
        if (IsTanh(approximate))
        {
            var x2 = x * x;
            var t = torch.tanh(SqrtTwoOverPi * x * (1 + Cubic * x2));
            slope = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SqrtTwoOverPi * (1 + 3 * Cubic * x2);
        }
        else
        {
            slope = 0.5 * (1 + torch.erf(x * SqrtHalf)) + x * InvSqrt2Pi * torch.exp(-0.5 * x * x);
        }
        return (dy * slope).MoveToOuterDisposeScope();
    }

    public static Tensor Silu(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return (x * Sigmoid(x)).MoveToOuterDisposeScope();
    }

    public static Tensor SiluBackward(Tensor dy, Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var s = Sigmoid(x);
        return (dy * s * (1 + x * (1 - s))).MoveToOuterDisposeScope();
    }

    public static Tensor SwiGlu(Tensor x, Tensor w, Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.matmul(x, w.t());
        return (a * Sigmoid(a) * torch.matmul(x, v.t())).MoveToOuterDisposeScope();
    }

    public static (Tensor Dx, Tensor DW, Tensor DV) SwiGluBackward(Tensor dy, Tensor x, Tensor w, Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.matmul(x, w.t());
        var b = torch.matmul(x, v.t());
        var s = Sigmoid(a);
        var silu = a * s;
        var da = dy * b * s * (1 + a * (1 - s));
        var db = dy * silu;
        var dx = torch.matmul(da, w) + torch.matmul(db, v);
        // Flatten the leading dims (a rank-1 x becomes one row) so one matmul sums over all of them.
        var rows = x.reshape(-1, x.shape[^1]);
        var dw = torch.matmul(da.reshape(-1, w.shape[0]).t(), rows);
        var dv = torch.matmul(db.reshape(-1, v.shape[0]).t(), rows);
        return (dx.MoveToOuterDisposeScope(), dw.MoveToOuterDisposeScope(), dv.MoveToOuterDisposeScope());
    }

    private static bool IsTanh(string approximate) => approximate switch
    {
        "tanh" => true,
        "none" => false,
        _ => throw new ArgumentException($"approximate must be \"none\" or \"tanh\", not \"{approximate}\"", nameof(approximate)),
    };

    private static Tensor Sigmoid(Tensor x)
    {
        var e = torch.exp(x);
        return e / (1 + e);
    }
}
