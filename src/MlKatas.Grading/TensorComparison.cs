using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Grading;

/// <summary>
/// What comparing one output tensor with its expected value found: not a bool, but everything a learner needs to see
/// why it failed — shapes, dtypes, non-finite values, max absolute/relative error, the worst element and how many
/// elements are out of tolerance.
/// </summary>
public sealed record TensorReport
{
    /// <summary>The output's name (<c>out</c>, <c>out.labels</c>, …).</summary>
    public required string Name { get; init; }
    /// <summary>The verdict of this comparison alone: Passed, WrongShape, WrongDtype, NonFinite or WrongAnswer.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
    public required Verdict Verdict { get; init; }
    /// <summary>Expected shape.</summary>
    public required long[] ExpectedShape { get; init; }
    /// <summary>Actual shape.</summary>
    public required long[] ActualShape { get; init; }
    /// <summary>Expected dtype (TorchSharp name, e.g. Float64).</summary>
    public required string ExpectedDtype { get; init; }
    /// <summary>Actual dtype.</summary>
    public required string ActualDtype { get; init; }
    /// <summary>The tolerance applied.</summary>
    public required Tolerance Tolerance { get; init; }
    /// <summary>Number of elements compared.</summary>
    public long Elements { get; init; }
    /// <summary>Number of elements outside the tolerance (non-finite mismatches included).</summary>
    public long OutOfTolerance { get; init; }
    /// <summary>Number of elements that are NaN/±Inf where the expected value is not the same non-finite value.</summary>
    public long NonFinite { get; init; }
    /// <summary>Index of the first such non-finite element.</summary>
    public long[]? FirstNonFiniteIndex { get; init; }
    /// <summary>Largest |actual − expected| over finite elements.</summary>
    public double MaxAbsError { get; init; }
    /// <summary>Largest |actual − expected| / |expected| over finite elements with expected ≠ 0.</summary>
    public double MaxRelError { get; init; }
    /// <summary>Index of the element that violates the tolerance most (relative to its allowance).</summary>
    public long[]? WorstIndex { get; init; }
    /// <summary>Expected value at <see cref="WorstIndex"/>; null when the case is hidden.</summary>
    public double? ExpectedAtWorst { get; init; }
    /// <summary>Actual value at <see cref="WorstIndex"/>.</summary>
    public double? ActualAtWorst { get; init; }
    /// <summary>
    /// For a failing output with two or more dimensions: where the bad elements are, as rows of digits 0–4 (the share
    /// of bad elements in each cell of a grid of at most <see cref="TensorComparison.MapRows"/> × <see cref="TensorComparison.MapColumns"/>
    /// cells over [rows = all leading dimensions, columns = last dimension]: 0 none, 1 up to a quarter, 2 up to half,
    /// 3 more, 4 all). It shows where, never what: hidden cases keep it.
    /// </summary>
    public IReadOnlyList<string>? MismatchMap { get; init; }
    /// <summary>
    /// For a 1-D integer or boolean output of the wrong length (ids, labels, tokens): how many leading elements agree
    /// with the expected ones — where the sequences part, which the two lengths alone do not say.
    /// </summary>
    public long? CommonPrefix { get; init; }
    /// <summary>The actual element just past <see cref="CommonPrefix"/>; null when the actual sequence ends there.</summary>
    public long? ActualAfterPrefix { get; init; }
    /// <summary>The expected element just past <see cref="CommonPrefix"/>; null when the expected sequence ends there or the case is hidden.</summary>
    public long? ExpectedAfterPrefix { get; init; }

    /// <summary>Whether the output matched.</summary>
    [JsonIgnore]
    public bool Passed => Verdict == Verdict.Passed;

    /// <summary>A copy with the expected values withheld (for hidden cases).</summary>
    public TensorReport Redacted() => this with { ExpectedAtWorst = null, ExpectedAfterPrefix = null, ExpectedAfterPrefixHidden = ExpectedAfterPrefixHidden || ExpectedAfterPrefix is not null };

    /// <summary>Whether <see cref="ExpectedAfterPrefix"/> was withheld (hidden case).</summary>
    public bool ExpectedAfterPrefixHidden { get; init; }

    /// <summary>One or two lines for a learner.</summary>
    public string Describe()
    {
        var ic = CultureInfo.InvariantCulture;
        string Shape(long[] s) => "[" + string.Join(",", s) + "]";
        return Verdict switch
        {
            Verdict.Passed => string.Create(ic, $"{Name}: ok ({Elements} elements, max abs error {MaxAbsError:G3}, {Tolerance})"),
            Verdict.WrongShape => $"{Name}: shape {Shape(ActualShape)}, expected {Shape(ExpectedShape)}{PrefixNote()}",
            Verdict.WrongDtype => $"{Name}: dtype {ActualDtype}, expected {ExpectedDtype}",
            Verdict.NonFinite => string.Create(ic,
                $"{Name}: {NonFinite} of {Elements} elements are NaN or infinite, the first at {Index(FirstNonFiniteIndex)} (actual {Fmt(ActualAtWorst)}, expected {(ExpectedAtWorst is { } x ? Fmt(x) : "a finite value")})"),
            _ => string.Create(ic,
                $"{Name}: {OutOfTolerance} of {Elements} elements out of tolerance ({Tolerance}); max abs error {MaxAbsError:G4}, max rel error {MaxRelError:G4}; worst at {Index(WorstIndex)}: actual {Fmt(ActualAtWorst)}, expected {(ExpectedAtWorst is { } e ? Fmt(e) : "hidden")}"),
        };
    }

    private string PrefixNote()
    {
        if (CommonPrefix is not { } n)
        {
            return "";
        }
        var ic = CultureInfo.InvariantCulture;
        string agree = n == 0 ? "" : string.Create(ic, $"the first {n} agree; ");
        string? expected = ExpectedAfterPrefix is { } e ? e.ToString(ic) : ExpectedAfterPrefixHidden ? "hidden" : null;
        string? actual = ActualAfterPrefix?.ToString(ic);
        return actual is null ? string.Create(ic, $"; {agree}actual ends where the expected goes on at [{n}] with {(ExpectedAfterPrefixHidden ? "a hidden value" : expected)}")
            : expected is null ? string.Create(ic, $"; {agree}actual goes on at [{n}] with {actual} where the expected ends")
            : string.Create(ic, $"; {agree}first difference at [{n}]: actual {actual}, expected {expected}");
    }

    internal static string Index(long[]? index) => index is null ? "?" : "[" + string.Join(",", index) + "]";

    // −0 prints as 0: "actual -0, expected 0" reads like a sign error, but the two are equal in every comparison here.
    internal static string Fmt(double? v) => v is null ? "?" : (v.Value == 0 ? 0.0 : v.Value).ToString("G10", CultureInfo.InvariantCulture);
}

/// <summary>Compares tensors the way graders do, producing a <see cref="TensorReport"/>.</summary>
public static class TensorComparison
{
    /// <summary>
    /// Compares <paramref name="actual"/> with <paramref name="expected"/>. A 0-d tensor and a one-element 1-d tensor
    /// are the same scalar (PyBridge loads 0-d safetensors tensors as shape [1]). Integer and boolean outputs are
    /// compared exactly whatever the tolerance says.
    /// </summary>
    public static TensorReport Compare(string name, Tensor actual, Tensor expected, Tolerance tolerance)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        using var scope = NewDisposeScope();
        var report = new TensorReport
        {
            Name = name,
            Verdict = Verdict.Passed,
            ExpectedShape = expected.shape,
            ActualShape = actual.shape,
            ExpectedDtype = expected.dtype.ToString(),
            ActualDtype = actual.dtype.ToString(),
            Tolerance = IsExactType(expected.dtype) ? Tolerance.Exact : tolerance,
            Elements = expected.numel(),
        };
        if (!SameShape(actual.shape, expected.shape))
        {
            return WhereSequencesPart(report with { Verdict = Verdict.WrongShape }, actual, expected);
        }
        if (actual.dtype != expected.dtype)
        {
            return report with { Verdict = Verdict.WrongDtype };
        }
        if (expected.numel() == 0)
        {
            return report;
        }
        if (QuickPass(actual, expected, report.Tolerance) is { } quick)
        {
            return report with { MaxAbsError = quick.MaxAbs, MaxRelError = quick.MaxRel };
        }
        var shape = expected.shape;
        var a = actual.detach().cpu().reshape(-1).to_type(ScalarType.Float64);
        var e = expected.detach().cpu().reshape(-1).to_type(ScalarType.Float64);
        var tol = report.Tolerance;

        // Non-finite: an element is fine if it is the same non-finite value as expected (both NaN, or equal ±Inf).
        var aFinite = a.isfinite();
        var sameNonFinite = (a.isnan() & e.isnan()) | (a.isinf() & a.eq(e));
        var badNonFinite = aFinite.logical_not() & sameNonFinite.logical_not();
        long nonFinite = badNonFinite.sum().item<long>();
        if (nonFinite > 0)
        {
            long first = badNonFinite.nonzero()[0, 0].item<long>();
            return report with
            {
                Verdict = Verdict.NonFinite,
                NonFinite = nonFinite,
                OutOfTolerance = nonFinite,
                FirstNonFiniteIndex = Unravel(first, shape),
                WorstIndex = Unravel(first, shape),
                MismatchMap = Map(badNonFinite, shape),
                ActualAtWorst = a[first].item<double>(),
                ExpectedAtWorst = e[first].item<double>(),
            };
        }

        // After the check above every non-finite actual matches expected; an expected ±Inf/NaN that came out finite
        // is an infinite error.
        var zero = torch.tensor(0.0, ScalarType.Float64);
        var bothFinite = aFinite & e.isfinite();
        var diff = (a - e).abs().where(bothFinite,
            zero.where(sameNonFinite, torch.tensor(double.PositiveInfinity, ScalarType.Float64)));
        var allowance = e.abs().where(bothFinite, zero) * tol.Rtol + tol.Atol;
        var bad = diff > allowance;
        long outOfTolerance = bad.sum().item<long>();
        double maxAbs = diff.max().item<double>();
        var eAbs = e.abs();
        var rel = (diff / eAbs).where(eAbs > 0, zero);
        double maxRel = rel.max().item<double>();
        // The worst element: the largest error relative to its allowance (the most-violated check).
        var excess = allowance.gt(0).any().item<bool>() ? diff / allowance.clamp_min(double.Epsilon) : diff;
        long worst = excess.argmax().item<long>();
        return report with
        {
            Verdict = outOfTolerance > 0 ? Verdict.WrongAnswer : Verdict.Passed,
            OutOfTolerance = outOfTolerance,
            MaxAbsError = maxAbs,
            MaxRelError = maxRel,
            WorstIndex = Unravel(worst, shape),
            ExpectedAtWorst = e[worst].item<double>(),
            ActualAtWorst = a[worst].item<double>(),
            MismatchMap = outOfTolerance > 0 ? Map(bad, shape) : null,
        };
    }

    /// <summary>
    /// The common case, decided in a handful of tensor operations instead of the full report's ~35 (each costs tens of
    /// microseconds in TorchSharp, and a k-means grading compares 80 outputs (20 cases × 4) — this was most of `watch`'s per-save time): every
    /// element within tolerance, so only the maximum errors are needed. Anything else — an element out of tolerance, a
    /// NaN or infinity anywhere (their differences are NaN, which fails the test) — returns null for the full comparison.
    /// Same shape and dtype are checked by the caller.
    /// </summary>
    private static (double MaxAbs, double MaxRel)? QuickPass(Tensor actual, Tensor expected, Tolerance tol)
    {
        if (IsExactType(expected.dtype))
        {
            return actual.Equals(expected) || actual.reshape(-1).Equals(expected.reshape(-1)) ? (0.0, 0.0) : null;
        }
        var a = actual.dtype == ScalarType.Float64 ? actual.detach() : actual.detach().to_type(ScalarType.Float64);
        var e = expected.dtype == ScalarType.Float64 ? expected.detach() : expected.detach().to_type(ScalarType.Float64);
        if (!a.shape.AsSpan().SequenceEqual(e.shape))
        {
            a = a.reshape(-1);
            e = e.reshape(-1);
        }
        var diff = a.sub(e).abs_();
        var eAbs = e.abs();
        if (!diff.le(eAbs.mul(tol.Rtol).add_(tol.Atol)).all().item<bool>())
        {
            return null;
        }
        double maxAbs = diff.max().item<double>();
        if (!double.IsFinite(maxAbs))
        {
            return null; // an infinite expected value met by a finite one passes |a − e| ≤ ∞ — the full report decides
        }
        double maxRel = diff.div_(eAbs).nan_to_num_(0, 0, 0).max().item<double>(); // x/0 → 0, as the full report counts it
        return (maxAbs, maxRel);
    }

    /// <summary>Most rows of a mismatch map.</summary>
    public const int MapRows = 12;
    /// <summary>Most columns of a mismatch map.</summary>
    public const int MapColumns = 48;

    /// <summary>The mismatch map of a flat boolean <paramref name="bad"/> over <paramref name="shape"/> (null below 2-D).</summary>
    private static string[]? Map(Tensor bad, long[] shape)
    {
        if (shape.Length < 2)
        {
            return null;
        }
        long cols = shape[^1];
        long rows = bad.numel() / Math.Max(cols, 1);
        if (rows == 0 || cols == 0)
        {
            return null;
        }
        using var scope = NewDisposeScope();
        var grid = bad.to_type(ScalarType.Float64).reshape(1, 1, rows, cols);
        var share = nn.functional.adaptive_avg_pool2d(grid, [Math.Min(rows, MapRows), Math.Min(cols, MapColumns)]).squeeze(0).squeeze(0);
        var cells = share.data<double>().ToArray();
        int h = (int)share.shape[0], w = (int)share.shape[1];
        var lines = new string[h];
        for (int i = 0; i < h; i++)
        {
            var line = new char[w];
            for (int j = 0; j < w; j++)
            {
                double v = cells[i * w + j];
                line[j] = v <= 0 ? '0' : v <= 0.25 ? '1' : v <= 0.5 ? '2' : v < 1 ? '3' : '4';
            }
            lines[i] = new string(line);
        }
        return lines;
    }

    /// <summary>Whether two shapes are the same, counting a 0-d scalar and a one-element 1-d tensor as equal.</summary>
    public static bool SameShape(long[] a, long[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (IsScalarShape(a) && IsScalarShape(b))
        {
            return true;
        }
        return a.AsSpan().SequenceEqual(b);
    }

    private static bool IsScalarShape(long[] s) => s.Length == 0 || (s.Length == 1 && s[0] == 1);

    /// <summary>For 1-D integer or boolean sequences of different lengths: the common prefix and the elements just past it.</summary>
    private static TensorReport WhereSequencesPart(TensorReport report, Tensor actual, Tensor expected)
    {
        if (actual.dim() != 1 || expected.dim() != 1 || !IsExactType(actual.dtype) || !IsExactType(expected.dtype))
        {
            return report;
        }
        using var scope = NewDisposeScope();
        var a = actual.detach().cpu().to_type(ScalarType.Int64);
        var e = expected.detach().cpu().to_type(ScalarType.Int64);
        long common = Math.Min(a.shape[0], e.shape[0]);
        long prefix = common;
        if (common > 0)
        {
            var differ = a.narrow(0, 0, common).ne(e.narrow(0, 0, common)).nonzero();
            if (differ.shape[0] > 0)
            {
                prefix = differ[0, 0].item<long>();
            }
        }
        return report with
        {
            CommonPrefix = prefix,
            ActualAfterPrefix = prefix < a.shape[0] ? a[prefix].item<long>() : null,
            ExpectedAfterPrefix = prefix < e.shape[0] ? e[prefix].item<long>() : null,
        };
    }

    private static bool IsExactType(ScalarType t) => t is ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16
        or ScalarType.Int8 or ScalarType.Byte or ScalarType.Bool;

    /// <summary>Turns a flat (row-major) index into a multi-index for <paramref name="shape"/>.</summary>
    public static long[] Unravel(long flat, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var index = new long[shape.Length];
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            long n = Math.Max(shape[i], 1);
            index[i] = flat % n;
            flat /= n;
        }
        return index;
    }

    /// <summary>Describes a tensor without its values: shape and dtype.</summary>
    public static string Signature(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var sb = new StringBuilder();
        sb.Append(t.dtype).Append('[').Append(string.Join(",", t.shape)).Append(']');
        return sb.ToString();
    }
}
