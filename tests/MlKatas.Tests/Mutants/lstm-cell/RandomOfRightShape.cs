// Expect: WrongAnswer
// Mistake: Returns random numbers in (−1, 1) of the right shapes.
namespace MlKatas.Katas;

public static class Lstm
{
    public static (Tensor Output, Tensor HN, Tensor CN) Forward(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) =>
        (torch.rand(x.shape[0], h0.shape[0], h0.shape[1], dtype: float64) * 2 - 1, torch.rand_like(h0) * 2 - 1, torch.rand_like(c0) * 2 - 1);
}
