using MlKatas.Grading;
using static TorchSharp.torch;

namespace MlKatas.Tests;

public sealed class TensorComparisonTests
{
    private static readonly Tolerance Tol = new(1e-6, 1e-6);

    [Fact]
    public void Equal_tensors_pass()
    {
        using var a = tensor(new double[] { 1, 2, 3 });
        var r = TensorComparison.Compare("out", a, a.clone(), Tol);
        r.Verdict.Should().Be(Verdict.Passed);
        r.OutOfTolerance.Should().Be(0);
        r.Describe().Should().StartWith("out: ok (3 elements");
    }

    [Fact]
    public void Wrong_shape_names_both_shapes()
    {
        using var a = zeros(2, 3, dtype: ScalarType.Float64);
        using var e = zeros(3, 2, dtype: ScalarType.Float64);
        var r = TensorComparison.Compare("out.centroids", a, e, Tol);
        r.Verdict.Should().Be(Verdict.WrongShape);
        r.Describe().Should().Be("out.centroids: shape [2,3], expected [3,2]");
    }

    [Fact]
    public void Integer_sequences_of_the_wrong_length_say_where_they_part()
    {
        string Describe(long[] actual, long[] expected, bool hidden = false)
        {
            using var a = tensor(actual);
            using var e = tensor(expected);
            var r = TensorComparison.Compare("out.ids", a, e, Tol);
            r.Verdict.Should().Be(Verdict.WrongShape);
            return (hidden ? r.Redacted().Redacted() : r).Describe(); // redacting twice must not un-hide
        }
        Describe([5, 7, 9, 1], [5, 7, 8]).Should().Be("out.ids: shape [4], expected [3]; the first 2 agree; first difference at [2]: actual 9, expected 8");
        Describe([5, 7, 9, 1], [5, 7, 8], hidden: true).Should().Be("out.ids: shape [4], expected [3]; the first 2 agree; first difference at [2]: actual 9, expected hidden");
        Describe([4, 7], [5, 7, 8]).Should().Be("out.ids: shape [2], expected [3]; first difference at [0]: actual 4, expected 5");
        Describe([5, 7, 8, 3], [5, 7, 8]).Should().Be("out.ids: shape [4], expected [3]; the first 3 agree; actual goes on at [3] with 3 where the expected ends");
        Describe([5, 7], [5, 7, 8]).Should().Be("out.ids: shape [2], expected [3]; the first 2 agree; actual ends where the expected goes on at [2] with 8");
        Describe([5, 7], [5, 7, 8], hidden: true).Should().Be("out.ids: shape [2], expected [3]; the first 2 agree; actual ends where the expected goes on at [2] with a hidden value");
        Describe([], [5]).Should().Be("out.ids: shape [0], expected [1]; actual ends where the expected goes on at [0] with 5");
    }

    [Fact]
    public void Negative_zero_is_printed_as_zero()
    {
        using var a = tensor(new[] { -0.0, 2.0 });
        using var e = tensor(new[] { 1.0, 2.0 });
        TensorComparison.Compare("out", a, e, Tol).Describe().Should().EndWith("worst at [0]: actual 0, expected 1");
    }

    [Fact]
    public void Wrong_dtype_names_both_dtypes()
    {
        using var a = zeros(4, dtype: ScalarType.Int32);
        using var e = zeros(4, dtype: ScalarType.Int64);
        var r = TensorComparison.Compare("out.labels", a, e, Tol);
        r.Verdict.Should().Be(Verdict.WrongDtype);
        r.Describe().Should().Be("out.labels: dtype Int32, expected Int64");
    }

    [Fact]
    public void Scalar_0d_and_1_element_tensors_are_the_same_shape()
    {
        using var a = tensor(2.5, ScalarType.Float64);
        using var e = tensor(new[] { 2.5 });
        TensorComparison.Compare("out.bias", a, e, Tol).Verdict.Should().Be(Verdict.Passed);
    }

    [Fact]
    public void Reports_worst_element_max_errors_and_count()
    {
        using var e = tensor(new double[] { 1, 2, 3, 4, 100, 6 }).reshape(2, 3);
        using var a = tensor(new double[] { 1, 2.5, 3, 4, 100.0005, 6 }).reshape(2, 3);
        var r = TensorComparison.Compare("out", a, e, new Tolerance(1e-3, 0));
        r.Verdict.Should().Be(Verdict.WrongAnswer);
        r.OutOfTolerance.Should().Be(1);
        r.WorstIndex.Should().Equal(0, 1);
        r.ExpectedAtWorst.Should().Be(2);
        r.ActualAtWorst.Should().Be(2.5);
        r.MaxAbsError.Should().BeApproximately(0.5, 1e-12);
        r.MaxRelError.Should().BeApproximately(0.25, 1e-12);
        r.Describe().Should().Be(
            "out: 1 of 6 elements out of tolerance (atol = 0.001, rtol = 0); max abs error 0.5, max rel error 0.25; worst at [0,1]: actual 2.5, expected 2");
    }

    [Fact]
    public void Worst_element_is_the_most_violated_relative_to_its_allowance()
    {
        // Element 0 has the larger absolute error but a huge allowance (rtol·|1e6|); element 1 violates more.
        using var e = tensor(new double[] { 1e6, 1e-3 });
        using var a = tensor(new double[] { 1e6 + 5, 2e-3 });
        var r = TensorComparison.Compare("out", a, e, new Tolerance(1e-6, 1e-5));
        r.WorstIndex.Should().Equal(1);
        r.OutOfTolerance.Should().Be(1);
    }

    [Fact]
    public void NaN_where_a_finite_value_is_expected_is_NonFinite_with_its_index()
    {
        using var e = tensor(new double[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var a = tensor(new double[] { 1, 2, double.NaN, double.PositiveInfinity }).reshape(2, 2);
        var r = TensorComparison.Compare("out", a, e, Tol);
        r.Verdict.Should().Be(Verdict.NonFinite);
        r.NonFinite.Should().Be(2);
        r.FirstNonFiniteIndex.Should().Equal(1, 0);
        r.Describe().Should().Be("out: 2 of 4 elements are NaN or infinite, the first at [1,0] (actual NaN, expected 3)");
    }

    [Fact]
    public void Matching_non_finite_values_are_accepted()
    {
        using var e = tensor(new[] { double.NegativeInfinity, double.NaN, 1 });
        using var a = tensor(new[] { double.NegativeInfinity, double.NaN, 1 });
        TensorComparison.Compare("out", a, e, Tol).Verdict.Should().Be(Verdict.Passed);
    }

    [Fact]
    public void A_finite_value_where_infinity_is_expected_is_wrong()
    {
        using var e = tensor(new[] { double.PositiveInfinity, 1 });
        using var a = tensor(new[] { 1e300, 1 });
        var r = TensorComparison.Compare("out", a, e, Tol);
        r.Verdict.Should().Be(Verdict.WrongAnswer);
        r.WorstIndex.Should().Equal(0);
    }

    [Fact]
    public void Integer_outputs_are_compared_exactly_whatever_the_tolerance()
    {
        using var e = tensor(new long[] { 0, 1, 2 });
        using var a = tensor(new long[] { 0, 1, 1 });
        var r = TensorComparison.Compare("out.labels", a, e, new Tolerance(10, 10));
        r.Verdict.Should().Be(Verdict.WrongAnswer);
        r.Tolerance.Should().Be(Tolerance.Exact);
        r.Describe().Should().Contain("1 of 3 elements out of tolerance (exact)").And.Contain("worst at [2]: actual 1, expected 2");
    }

    [Fact]
    public void Redacted_report_hides_the_expected_value()
    {
        using var e = tensor(new double[] { 1 });
        using var a = tensor(new double[] { 2 });
        var r = TensorComparison.Compare("out", a, e, Tol).Redacted();
        r.Describe().Should().EndWith("actual 2, expected hidden").And.NotContain("expected 1");
    }

    [Fact]
    public void Float32_is_compared_against_float32_after_casting_both_to_float64()
    {
        using var e = tensor(new float[] { 1f / 3f });
        using var a = tensor(new float[] { 1f / 3f + 1e-7f });
        TensorComparison.Compare("out", a, e, new Tolerance(2e-5, 1e-4)).Verdict.Should().Be(Verdict.Passed);
    }
}
