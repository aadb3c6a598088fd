// Expect: TooSlow
// Mistake: Correct, but runs the recurrence one batch row at a time (a C# loop over B inside the loop over T), with
// the row's gates from [1, I] and [1, H] matmuls: B times the tensor calls of a batched step.
namespace MlKatas.Katas;

public static class Lstm
{
    public static (Tensor Output, Tensor HN, Tensor CN) Forward(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh)
    {
        using var scope = torch.NewDisposeScope();
        long steps = x.shape[0], batch = x.shape[1], hidden = h0.shape[1];
        var output = torch.zeros(steps, batch, hidden, dtype: float64);
        var hN = torch.zeros_like(h0);
        var cN = torch.zeros_like(c0);
        var wIhT = wIh.t();
        var wHhT = wHh.t();
        for (long r = 0; r < batch; r++)
        {
            var h = h0.narrow(0, r, 1);
            var c = c0.narrow(0, r, 1);
            for (long t = 0; t < steps; t++)
            {
                var gates = x[t].narrow(0, r, 1).matmul(wIhT) + bIh + h.matmul(wHhT) + bHh;
                var chunks = gates.chunk(4, 1);
                c = chunks[1].sigmoid() * c + chunks[0].sigmoid() * chunks[2].tanh();
                h = chunks[3].sigmoid() * c.tanh();
                output[t][r] = h[0];
            }
            hN[r] = h[0];
            cN[r] = c[0];
        }
        return (output.MoveToOuterDisposeScope(), hN.MoveToOuterDisposeScope(), cN.MoveToOuterDisposeScope());
    }
}
