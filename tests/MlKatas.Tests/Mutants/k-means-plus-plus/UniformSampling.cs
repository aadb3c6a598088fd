// Expect: WrongAnswer
// Mistake: Picks every centre like the first one, index ⌊uⱼ·n⌋ — uniform sampling (Forgy), no D² weighting.
namespace MlKatas.Katas;

public static class KMeansPlusPlus
{
    public static (Tensor Indices, Tensor Centres) Seed(Tensor x, Tensor uniforms)
    {
        long n = x.shape[0];
        var indices = uniforms.data<double>().Select(u => Math.Min((long)Math.Floor(u * n), n - 1)).ToArray();
        var chosen = torch.tensor(indices);
        return (chosen, x.index_select(0, chosen));
    }
}
