// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes.
namespace MlKatas.Katas;

public static class Lstm
{
    public static (Tensor Output, Tensor HN, Tensor CN) Forward(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) =>
        (torch.zeros(x.shape[0], h0.shape[0], h0.shape[1], dtype: float64), torch.zeros_like(h0), torch.zeros_like(c0));
}
