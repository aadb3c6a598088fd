// Expect: WrongAnswer
// Mistake: Returns random unit vectors and random eigenvalues of the right shapes and dtypes.
namespace MlKatas.Katas;

public static class PowerIteration
{
    public static (Tensor Eigenvalues, Tensor Eigenvectors) TopEigenpairs(Tensor a, Tensor start, int iterations)
    {
        var vectors = torch.randn_like(start);
        return (torch.rand(start.shape[0], dtype: float64), vectors / vectors.norm(1, true, 2));
    }
}
