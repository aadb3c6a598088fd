// Expect: WrongShape
// Mistake: Echoes its first input back instead of a scalar loss.
namespace MlKatas.Katas;

public static class InfoNce
{
    public static Tensor NtXent(Tensor z1, Tensor z2, double temperature) => z1.clone();

    public static Tensor Clip(Tensor z1, Tensor z2, double temperature) => z1.clone();
}
