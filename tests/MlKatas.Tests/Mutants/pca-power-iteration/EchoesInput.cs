// Expect: WrongAnswer
// Mistake: Echoes the input back: the normalised start rows as the eigenvectors and the first k diagonal entries of a as the eigenvalues.
namespace MlKatas.Katas;

public static class PowerIteration
{
    public static (Tensor Eigenvalues, Tensor Eigenvectors) TopEigenpairs(Tensor a, Tensor start, int iterations) =>
        (a.diagonal()[..(int)start.shape[0]].clone(), start / start.norm(1, true, 2));
}
