// Expect: Passed
// Mistake: None — a control. Slices W_ih, W_hh and the biases into the four gates' blocks up front and does two
// matmuls per gate per step (8 a step), the textbook way of writing the equations.
namespace MlKatas.Katas;

public static class Lstm
{
    public static (Tensor Output, Tensor HN, Tensor CN) Forward(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh)
    {
        using var scope = torch.NewDisposeScope();
        long hidden = h0.shape[1];
        Tensor Block(Tensor w, int k) => w.narrow(0, k * hidden, hidden);
        var wi = Enumerable.Range(0, 4).Select(k => Block(wIh, k).t()).ToArray();
        var wh = Enumerable.Range(0, 4).Select(k => Block(wHh, k).t()).ToArray();
        var b = Enumerable.Range(0, 4).Select(k => Block(bIh, k) + Block(bHh, k)).ToArray();
        var h = h0;
        var c = c0;
        var outputs = new List<Tensor>();
        for (long t = 0; t < x.shape[0]; t++)
        {
            var xt = x[t];
            var i = torch.sigmoid(xt.matmul(wi[0]) + h.matmul(wh[0]) + b[0]);
            var f = torch.sigmoid(xt.matmul(wi[1]) + h.matmul(wh[1]) + b[1]);
            var g = torch.tanh(xt.matmul(wi[2]) + h.matmul(wh[2]) + b[2]);
            var o = torch.sigmoid(xt.matmul(wi[3]) + h.matmul(wh[3]) + b[3]);
            c = f * c + i * g;
            h = o * torch.tanh(c);
            outputs.Add(h);
        }
        return (torch.stack(outputs).MoveToOuterDisposeScope(), h.clone().MoveToOuterDisposeScope(), c.clone().MoveToOuterDisposeScope());
    }
}
