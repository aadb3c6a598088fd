// Expect: WrongAnswer
// Mistake: Echoes the initial state: every output is h0, and (h_n, c_n) = (h0, c0).
namespace MlKatas.Katas;

public static class Lstm
{
    public static (Tensor Output, Tensor HN, Tensor CN) Forward(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) =>
        (h0.unsqueeze(0).expand(x.shape[0], -1, -1).clone(), h0.clone(), c0.clone());
}
