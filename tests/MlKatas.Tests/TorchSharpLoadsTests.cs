using static TorchSharp.torch;

namespace MlKatas.Tests;

public sealed class TorchSharpLoadsTests
{
    [Fact]
    public void TorchSharp_loads_and_computes()
    {
        using var a = tensor(new double[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var product = a.matmul(a);
        product.data<double>().ToArray().Should().Equal(7, 10, 15, 22);
    }
}
