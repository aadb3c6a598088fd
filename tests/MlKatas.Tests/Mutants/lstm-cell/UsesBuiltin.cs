// Expect: ForbiddenApi
// Mistake: Builds a torch.nn.LSTMCell and copies the weights into it instead of writing the recurrence.
namespace MlKatas.Katas;

public static class Lstm
{
    public static (Tensor Output, Tensor HN, Tensor CN) Forward(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh)
    {
        using var cell = torch.nn.LSTMCell(x.shape[2], h0.shape[1], dtype: float64);
        using (torch.no_grad())
        {
            cell.weight_ih!.copy_(wIh);
            cell.weight_hh!.copy_(wHh);
            cell.bias_ih!.copy_(bIh);
            cell.bias_hh!.copy_(bHh);
        }
        var h = h0;
        var c = c0;
        var outputs = new List<Tensor>();
        for (long t = 0; t < x.shape[0]; t++)
        {
            (h, c) = cell.call(x[t], (h, c));
            outputs.Add(h);
        }
        return (torch.stack(outputs).detach(), h.detach(), c.detach());
    }
}
