// Expect: WrongAnswer
// Mistake: Returns zeros of the right shapes and dtypes without iterating.
namespace MlKatas.Katas;

public static class PowerIteration
{
    public static (Tensor Eigenvalues, Tensor Eigenvectors) TopEigenpairs(Tensor a, Tensor start, int iterations) =>
        (torch.zeros(start.shape[0], dtype: float64), torch.zeros_like(start));
}
