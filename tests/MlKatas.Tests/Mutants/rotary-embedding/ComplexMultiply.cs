// Expect: Passed
// Mistake: None: treats each pair as a complex number x_i + j·x_{i+D/2} and multiplies it by polar(1, angle); a
// speed-budget control.
namespace MlKatas.Katas;

public static class RotaryEmbedding
{
    public static (Tensor Q, Tensor K) Apply(Tensor q, Tensor k, Tensor positions, double theta)
    {
        using var scope = torch.NewDisposeScope();
        long d = q.shape[^1], half = d / 2;
        var invFreq = torch.tensor(Enumerable.Range(0, (int)half).Select(i => Math.Pow(theta, -2.0 * i / d)).ToArray());
        var angle = positions.to(ScalarType.Float64).unsqueeze(1) * invFreq.unsqueeze(0);
        var rotation = torch.polar(torch.ones_like(angle), angle);                       // complex128 [T, D/2]
        Tensor Rotate(Tensor x)
        {
            var z = torch.complex(x.narrow(-1, 0, half), x.narrow(-1, half, half));
            var r = z * (x.dtype == ScalarType.Float32 ? rotation.to(ScalarType.ComplexFloat32) : rotation);
            return torch.cat(new[] { r.real, r.imag }, -1);
        }
        return (Rotate(q).MoveToOuterDisposeScope(), Rotate(k).MoveToOuterDisposeScope());
    }
}
