// Expect: WrongAnswer
// Mistake: Returns a zero loss of the right shape and dtype (so every gradient is zero too).
namespace MlKatas.Katas;

public static class InfoNce
{
    public static Tensor NtXent(Tensor z1, Tensor z2, double temperature) => torch.zeros(Array.Empty<long>(), dtype: z1.dtype);

    public static Tensor Clip(Tensor z1, Tensor z2, double temperature) => torch.zeros(Array.Empty<long>(), dtype: z1.dtype);
}
