using System.Globalization;

namespace MlKatas.Grading;

/// <summary>
/// An element passes when <c>|actual − expected| ≤ Atol + Rtol·|expected|</c> (numpy/PyTorch <c>allclose</c>).
/// <see cref="Exact"/> is for integer and boolean outputs.
/// </summary>
public readonly record struct Tolerance(double Atol, double Rtol)
{
    /// <summary>Bit-for-bit equality (integers, booleans, labels).</summary>
    public static Tolerance Exact { get; } = new(0, 0);

    /// <summary>Whether <paramref name="actual"/> is within tolerance of <paramref name="expected"/>.</summary>
    public bool Accepts(double actual, double expected) =>
        actual == expected || Math.Abs(actual - expected) <= Atol + Rtol * Math.Abs(expected);

    /// <inheritdoc />
    public override string ToString() => this == Exact
        ? "exact"
        : string.Create(CultureInfo.InvariantCulture, $"atol = {Atol:G3}, rtol = {Rtol:G3}");
}
