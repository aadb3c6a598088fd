using MlKatas.Grading;
using Xunit.Sdk;
using static TorchSharp.torch;

namespace MlKatas.Tests;

public sealed class TensorAssertionsTests
{
    [Fact]
    public void BeCloseTo_passes_within_tolerance()
    {
        using var a = tensor(new double[] { 1, 2 });
        using var e = tensor(new double[] { 1 + 1e-9, 2 });
        a.Should().BeCloseTo(e, atol: 1e-8, rtol: 0);
    }

    [Fact]
    public void BeCloseTo_failure_says_count_errors_and_worst_index()
    {
        using var a = tensor(new double[] { 1, 2, 3 });
        using var e = tensor(new double[] { 1, 2, 4 });
        var act = () => a.Should().BeCloseTo(e, atol: 1e-8, rtol: 0, because: "the kernel is exact");
        act.Should().Throw<XunitException>().WithMessage(
            "Expected tensor to be close to the expected tensor because the kernel is exact, but tensor: 1 of 3 elements out of tolerance (atol = 1E-08, rtol = 0); max abs error 1, max rel error 0.25; worst at [2]: actual 3, expected 4.");
    }

    [Fact]
    public void BeCloseTo_failure_on_shape_names_shapes()
    {
        using var a = zeros(2, 2);
        using var e = zeros(4);
        var act = () => a.Should().BeCloseTo(e);
        act.Should().Throw<XunitException>().WithMessage("*shape [2,2], expected [4]*");
    }
}
