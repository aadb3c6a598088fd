// Expect: WrongAnswer
// Mistake: Returns a standard-normal random scalar of the right dtype.
namespace MlKatas.Katas;

public static class InfoNce
{
    public static Tensor NtXent(Tensor z1, Tensor z2, double temperature) => torch.randn(Array.Empty<long>(), dtype: z1.dtype);

    public static Tensor Clip(Tensor z1, Tensor z2, double temperature) => torch.randn(Array.Empty<long>(), dtype: z1.dtype);
}
