using MlKatas.Grading.Compilation;
using static TorchSharp.torch;

namespace MlKatas.Grading;

/// <summary>
/// The grading numbers of one kata, defined in one place (its grader): tolerance, speed budget, limits, forbidden
/// APIs. The statement quotes them, and a test checks that it quotes them right.
/// </summary>
public sealed record KataSpec
{
    /// <summary>The kata's slug: folder, namespace of its tests and <c>Kata</c> trait.</summary>
    public required string Slug { get; init; }
    /// <summary>Default tolerance for floating-point outputs (integer outputs are always exact).</summary>
    public required Tolerance Tolerance { get; init; }
    /// <summary>
    /// Tolerance for float32 outputs, where a kata has float32 cases (their expected values are exact float64 answers
    /// rounded to float32, so this is what a float32 computation can reach); null: <see cref="Tolerance"/> for every dtype.
    /// </summary>
    public Tolerance? Float32Tolerance { get; init; }
    /// <summary>Largest allowed median ratio of solution time to reference time.</summary>
    public required double SpeedBudget { get; init; }
    /// <summary>What the speed budget was calibrated on, for the record.</summary>
    public string SpeedBudgetCalibration { get; init; } = "";
    /// <summary>APIs this kata forbids, on top of <see cref="ForbiddenApiScanner.Global"/>.</summary>
    public IReadOnlyList<ForbiddenApi> Forbidden { get; init; } = [];
    /// <summary>Wall-clock limit of one case.</summary>
    public TimeSpan CaseTimeLimit { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>Wall-clock limit of a whole grading in its own process (cases, timing, complexity); past it the process is killed.</summary>
    public TimeSpan GradingTimeLimit { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>
    /// Largest resident memory of the grading process in bytes, native (libtorch) tensors included; past it the process is
    /// killed and the verdict is <see cref="Verdict.MemoryLimitExceeded"/>. The default leaves a small kata ~2.6 GB above
    /// what TorchSharp and the grader take themselves (peak 0.32–0.37 GB measured).
    /// </summary>
    public long MemoryLimit { get; init; } = IsolatedGrading.DefaultMemoryLimit;
    /// <summary>Number of fresh random (hidden) cases drawn for each grading.</summary>
    public int RandomCases { get; init; } = 4;
    /// <summary>Entry points as <c>Class.Method</c>; the kata is NotAttempted while all of them throw NotImplementedException.</summary>
    public required IReadOnlyList<string> EntryPoints { get; init; }
}

/// <summary>How a kata's running time must grow with one size parameter.</summary>
public sealed record ComplexitySpec
{
    /// <summary>The parameter that grows (e.g. <c>T</c>).</summary>
    public required string Parameter { get; init; }
    /// <summary>The sizes, a geometric series.</summary>
    public required IReadOnlyList<long> Sizes { get; init; }
    /// <summary>Largest slope of log(time) over log(size) that passes.</summary>
    public required double MaxSlope { get; init; }
    /// <summary>The expectation in words (e.g. "O(T·window·D): linear in T at a fixed window").</summary>
    public required string Expected { get; init; }
    /// <summary>Builds the inputs at a size.</summary>
    public required Func<long, Random, KataCase> MakeCase { get; init; }
}

/// <summary>
/// How much working memory one call may take, for katas whose point is memory (flash attention: no T×T score matrix).
/// Checked with the speed checks (<see cref="Timing.PeakMemoryProbe"/>); over the limit is <see cref="Verdict.WrongComplexity"/>.
/// </summary>
public sealed record MemorySpec
{
    /// <summary>The expectation in words (e.g. "O(T·(Br + Bc)) working memory: no T×T score matrix").</summary>
    public required string Expected { get; init; }
    /// <summary>The case in words, for the message (e.g. "T = 4096, D = 64, float64: a T×T matrix is 128 MB").</summary>
    public required string CaseDescription { get; init; }
    /// <summary>Largest allowed growth of the process's peak resident memory over one call, in bytes.</summary>
    public required long MaxGrowthBytes { get; init; }
    /// <summary>
    /// Builds the case. Make the intermediate the kata forbids at least 32 MB in one allocation (so glibc maps it fresh) and several times <see cref="MaxGrowthBytes"/>, and the reference's need a small fraction of the limit.
    /// </summary>
    public required Func<Random, KataCase> MakeCase { get; init; }
}

/// <summary>Calls a bound solution on a case and returns its outputs by name (<c>out</c>, <c>out.labels</c>, …).</summary>
public delegate IReadOnlyDictionary<string, Tensor> KataInvoker(KataCase kataCase);

/// <summary>The solution does not declare the kata's public contract.</summary>
public sealed class ContractMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContractMismatchException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ContractMismatchException() { }

    /// <summary>Creates the exception.</summary>
    public ContractMismatchException(string message, Exception inner) : base(message, inner) { }
}
