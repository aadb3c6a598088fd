// Expect: WrongAnswer
// Mistake: Splits the gates in the order i, f, o, g (a common write-up's order) instead of PyTorch's i, f, g, o.
namespace MlKatas.Katas;

public static class Lstm
{
    /// <summary>Runs the LSTM over x from (h0, c0); gates in the order i, f, g, o.</summary>
    /// <param name="x">[T, B, I] float64.</param>
    /// <param name="h0">[B, H] float64.</param>
    /// <param name="c0">[B, H] float64.</param>
    /// <param name="wIh">[4H, I] float64.</param>
    /// <param name="wHh">[4H, H] float64.</param>
    /// <param name="bIh">[4H] float64.</param>
    /// <param name="bHh">[4H] float64.</param>
    /// <returns>Every h [T, B, H], and the final h and c [B, H].</returns>
    public static (Tensor Output, Tensor HN, Tensor CN) Forward(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh)
    {
        using var scope = torch.NewDisposeScope();
        long steps = x.shape[0];
        // The input projection of every step at once: one [T·B, I] × [I, 4H] matmul, both biases folded in.
        var inputGates = torch.matmul(x, wIh.t()) + (bIh + bHh);                     // [T, B, 4H]
        var wHhT = wHh.t();
        var h = h0;
        var c = c0;
        var outputs = new Tensor[steps];
        for (long t = 0; t < steps; t++)
        {
            var gates = inputGates[t] + h.matmul(wHhT);                              // [B, 4H]
            var chunks = gates.chunk(4, 1);                                           // i, f, g, o
            var i = chunks[0].sigmoid();
            var f = chunks[1].sigmoid();
            var g = chunks[3].tanh();
            var o = chunks[2].sigmoid();
            c = f * c + i * g;
            h = o * c.tanh();
            outputs[t] = h;
        }
        var output = steps == 0 ? torch.empty(0, h0.shape[0], h0.shape[1], dtype: x.dtype) : torch.stack(outputs);
        return (output.MoveToOuterDisposeScope(), h.clone().MoveToOuterDisposeScope(), c.clone().MoveToOuterDisposeScope());
    }
}
