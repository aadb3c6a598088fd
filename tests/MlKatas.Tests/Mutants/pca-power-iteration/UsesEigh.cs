// Expect: ForbiddenApi
// Mistake: Calls torch.linalg.eigh — the eigen solver the kata asks you to replace.
namespace MlKatas.Katas;

public static class PowerIteration
{
    public static (Tensor Eigenvalues, Tensor Eigenvectors) TopEigenpairs(Tensor a, Tensor start, int iterations)
    {
        long k = start.shape[0];
        var (w, v) = torch.linalg.eigh(a);
        var vectors = v.flip(1).t()[..(int)k];
        vectors = vectors * vectors.gather(1, vectors.abs().argmax(1, true)).sign();
        return (w.flip(0)[..(int)k].contiguous(), vectors.contiguous());
    }
}
