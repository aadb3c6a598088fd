using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MlKatas.Grading.Compilation;
using MlKatas.Grading.Timing;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Grading;

/// <summary>Options of one grading.</summary>
public sealed record GradeOptions
{
    /// <summary>Measure speed against the reference (and complexity where declared).</summary>
    public bool Timing { get; init; } = true;
    /// <summary>Seed of the random hidden cases; a fresh one each grading when null.</summary>
    public int? Seed { get; init; }
    /// <summary>Extra folders of case files (an instructor's private pack), graded as hidden cases.</summary>
    public IReadOnlyList<string> ExtraCaseDirs { get; init; } = [];
    /// <summary>Timing options.</summary>
    public TimingOptions TimingOptions { get; init; } = new();
    /// <summary>
    /// Keep the golden cases and this seed's random cases (with their expected values) in memory for the next grading
    /// with the same seed: a warm worker regrading on every save (watch, practice) then neither reads case files nor
    /// runs the reference again. A watch session draws its seed once, so each session still gets fresh hidden cases.
    /// </summary>
    public bool CacheCases { get; init; }
    /// <summary>Called with each case's name before it runs (the grading worker reports progress with it).</summary>
    public Action<string>? OnCaseStart { get; init; }
}

/// <summary>
/// One thread with a large stack that runs a grading's cases one after another. When a case overruns its limit the
/// thread is abandoned (a background thread, still spinning in the learner's loop) and the grading stops there.
/// </summary>
internal sealed class CaseThread : IDisposable
{
    private readonly System.Collections.Concurrent.BlockingCollection<Action> _work = [];

    public CaseThread(string name)
    {
        var thread = new Thread(() =>
        {
            foreach (var action in _work.GetConsumingEnumerable())
            {
                action();
            }
        }, maxStackSize: 64 * 1024 * 1024)
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
    }

    /// <summary>Runs <paramref name="action"/> on the thread; false when it did not finish within <paramref name="limit"/>.</summary>
    public bool Run(Action action, TimeSpan limit)
    {
        // Not disposed on a timeout: the abandoned action still sets it when (if ever) it returns.
        var done = new ManualResetEventSlim();
        _work.Add(() =>
        {
            try
            {
                action();
            }
            finally
            {
                done.Set();
            }
        });
        bool finished = done.Wait(limit);
        if (finished)
        {
            done.Dispose();
        }
        return finished;
    }

    public void Dispose()
    {
        _work.CompleteAdding(); // the thread ends after its current action
    }
}

/// <summary>Prints where a grading's time goes to standard error when <c>MLKATAS_TRACE=1</c> (for profiling the feedback loop).</summary>
internal sealed class PhaseTrace(Stopwatch clock)
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("MLKATAS_TRACE") == "1";
    private double _last;

    public void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }
        double now = clock.Elapsed.TotalMilliseconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mlkatas-trace {now - _last,8:0.0} ms  {phase}"));
        _last = now;
    }
}

/// <summary>
/// A kata's grader. Subclasses say what is kata-specific — the contract binding, the spec, random and timing cases —
/// and this class runs the pipeline of DESIGN.md: compile → forbidden APIs → cases (golden, external, random; shape,
/// dtype, finiteness, values, unmutated inputs) → timing against the reference → complexity → one <see cref="KataResult"/>.
/// </summary>
public abstract class KataGrader
{
    /// <summary>Kata-specific numbers.</summary>
    public abstract KataSpec Spec { get; }

    /// <summary>Overrides the spec's per-case time limit (tests of the watchdog use a short one).</summary>
    public TimeSpan? CaseTimeLimitOverride { get; init; }

    private TimeSpan CaseTimeLimit => CaseTimeLimitOverride ?? Spec.CaseTimeLimit;

    /// <summary>The checkout this grader reads katas, references and cases from.</summary>
    public RepoLayout Layout { get; init; } = RepoLayout.Current;

    /// <summary>Binds the kata's contract in a compiled solution (or reference, or mutant).</summary>
    /// <exception cref="ContractMismatchException">The contract is not declared as the statement says.</exception>
    public abstract KataInvoker Bind(Assembly solution);

    /// <summary>Draws fresh random cases; <paramref name="reference"/> computes their expected outputs.</summary>
    public abstract IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference);

    /// <summary>A larger case on which solution and reference are timed.</summary>
    public abstract KataCase TimingCase(Random rng);

    /// <summary>The kata's declared growth, if any.</summary>
    public virtual ComplexitySpec? Complexity => null;

    /// <summary>The kata's working-memory limit for one call, if its point is memory (checked with the speed checks).</summary>
    public virtual MemorySpec? PeakMemory => null;

    /// <summary>The tolerance for <paramref name="output"/> of <paramref name="kataCase"/>.</summary>
    public virtual Tolerance ToleranceFor(KataCase kataCase, string output, Tensor expected)
    {
        ArgumentNullException.ThrowIfNull(kataCase);
        ArgumentNullException.ThrowIfNull(expected);
        return kataCase.ToleranceOverride
            ?? (expected.dtype == ScalarType.Float32 && Spec.Float32Tolerance is { } float32 ? float32 : Spec.Tolerance);
    }

    /// <summary>
    /// Whether output <paramref name="name"/> is a gradient, whose values out of tolerance are <see cref="Verdict.WrongGradient"/>
    /// rather than <see cref="Verdict.WrongAnswer"/>. By convention gradient outputs are named <c>grad.*</c> (e.g. <c>grad.x</c>).
    /// </summary>
    public virtual bool IsGradientOutput(string name) => name is not null && name.StartsWith("grad.", StringComparison.Ordinal);

    /// <summary>The assembly name a kata's solution is compiled under (part of the compile cache's key).</summary>
    public static string SolutionAssemblyName(string slug) => slug + "-solution";

    /// <summary>The assembly name a kata's reference is compiled under.</summary>
    public static string ReferenceAssemblyName(string slug) => slug + "-reference";

    /// <summary>The learner's file.</summary>
    public string SolutionPath => Layout.SolutionPath(Spec.Slug);

    /// <summary>Compiles the hidden reference; a reference that does not compile is a bug in the grader.</summary>
    public KataInvoker Reference()
    {
        var outcome = SolutionCompiler.Compile(Layout.ReferencePath(Spec.Slug), Layout.GlobalUsingsPath, ReferenceAssemblyName(Spec.Slug));
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"The reference of {Spec.Slug} does not compile: " +
                string.Join("; ", outcome.Errors));
        }
        return Bind(outcome.Solution!.Assembly);
    }

    /// <summary>The golden cases checked in beside the grader.</summary>
    public IEnumerable<string> GoldenCaseFiles() => CaseFile.List(Layout.CasesDir(Spec.Slug));

    /// <summary>Grades the learner's solution file.</summary>
    public KataResult Grade(GradeOptions? options = null) => Grade(SolutionPath, options);

    /// <summary>Grades any file that implements the kata's contract.</summary>
    public KataResult Grade(string solutionPath, GradeOptions? options = null)
    {
        options ??= new GradeOptions();
        TorchRuntime.EnsureLoaded();
        // Every tensor this thread makes while grading — cases read or drawn, the reference's answers, comparisons, the
        // timing cases — is freed when the grading ends (a warm worker grades hundreds of saves; tested by
        // TensorLeakTests). The solution's own tensors are freed per case on the case thread. Cached cases are Kept().
        using var gradingScope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        var trace = new PhaseTrace(clock);
        var result = new KataResult
        {
            Kata = Spec.Slug,
            Solution = RepoLayout.Relative(solutionPath),
            Verdict = Verdict.Passed,
            Summary = "",
        };
        KataResult Done(KataResult r) => r with { Seconds = clock.Elapsed.TotalSeconds, Summary = Summarise(r) };

        if (!File.Exists(solutionPath))
        {
            return Done(result with
            {
                Verdict = Verdict.CompileError,
                CompileErrors = [new CompileDiagnostic(RepoLayout.Relative(solutionPath), 0, 0, "MLK0001", "the file does not exist")],
            });
        }
        var compiled = SolutionCompiler.Compile(solutionPath, Layout.GlobalUsingsPath, SolutionAssemblyName(Spec.Slug));
        trace.Mark("compile");
        if (!compiled.Succeeded)
        {
            return Done(result with { Verdict = Verdict.CompileError, CompileErrors = compiled.Errors });
        }
        var forbidden = ForbiddenApiScanner.Scan(compiled.Solution!.Image, Spec.Forbidden);
        trace.Mark("forbidden-api scan");
        if (forbidden.Count > 0)
        {
            return Done(result with { Verdict = Verdict.ForbiddenApi, ForbiddenApis = forbidden });
        }
        KataInvoker solution;
        try
        {
            solution = Bind(compiled.Solution.Assembly);
        }
        catch (ContractMismatchException ex)
        {
            return Done(result with
            {
                Verdict = Verdict.CompileError,
                CompileErrors = [new CompileDiagnostic(RepoLayout.Relative(solutionPath), 1, 1, "MLK0002", ex.Message)],
            });
        }

        int seed = options.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        result = result with { Seed = seed };
        var reports = new List<CaseReport>();
        int notImplemented = 0;
        // The reference is compiled only when needed (random cases, timing): an untouched stub is known from the
        // golden cases alone, which keeps a fresh clone's `dotnet test` quick.
        var reference = new Lazy<KataInvoker>(Reference);
        bool stubbed = false;
        trace.Mark("bind");
        using var caseThread = new CaseThread($"MlKatas {Spec.Slug} cases");
        foreach (var kataCase in AllCases(options, seed, reference, () => stubbed = reports.Count > 0 && notImplemented == reports.Count))
        {
            using (kataCase)
            {
                trace.Mark("load/draw " + kataCase.Name);
                options.OnCaseStart?.Invoke(kataCase.Name);
                var (report, threwNotImplemented) = RunCase(caseThread, solution, kataCase);
                trace.Mark("run+compare " + kataCase.Name);
                reports.Add(report);
                notImplemented += threwNotImplemented ? 1 : 0;
                if (report.Verdict == Verdict.TimeLimitExceeded)
                {
                    break; // the runaway thread is still busy; grading more cases would only measure it
                }
            }
        }
        if (stubbed || (reports.Count > 0 && notImplemented == reports.Count))
        {
            return Done(result with { Verdict = Verdict.NotAttempted, Cases = reports });
        }
        var verdict = reports.Select(r => r.Verdict).Aggregate(Verdict.Passed, Verdicts.First);
        result = result with { Verdict = verdict, Cases = reports };
        if (verdict != Verdict.Passed || !options.Timing)
        {
            return Done(result);
        }

        var (timing, complexity) = MeasureSpeed(solution, reference.Value, seed, options.TimingOptions);
        trace.Mark("timing");
        result = result with { Timing = timing, Complexity = complexity };
        if (!timing.WithinBudget)
        {
            return Done(result with { Verdict = Verdict.TooSlow });
        }
        if (complexity is { WithinLimit: false })
        {
            return Done(result with { Verdict = Verdict.WrongComplexity });
        }
        if (PeakMemory is { } memorySpec && MeasureMemory(memorySpec, solution, reference.Value, seed) is { } memory)
        {
            trace.Mark("memory");
            result = result with { Memory = memory };
            if (!memory.WithinLimit)
            {
                return Done(result with { Verdict = Verdict.WrongComplexity });
            }
        }
        return Done(result);
    }

    /// <summary>
    /// Measures the peak-memory growth of one call of <paramref name="solution"/> and of <paramref name="reference"/> on
    /// the kata's memory case; a growth over the limit is measured again (other threads allocate too) and the least
    /// counts. Null where the platform cannot measure (<see cref="PeakMemoryProbe.Available"/>): the check is skipped.
    /// </summary>
    public static MemoryReport? MeasureMemory(MemorySpec spec, KataInvoker solution, KataInvoker reference, int seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(reference);
        if (!PeakMemoryProbe.Available)
        {
            return null;
        }
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var memoryCase = spec.MakeCase(new Random(seed ^ 0x5EED));
        long? Run(KataInvoker f) => PeakMemoryProbe.Measure(() => { using var _ = NewDisposeScope(); f(memoryCase); });
        long? referenceGrowth = Run(reference);
        long? growth = Run(solution);
        int attempts = 1;
        while (growth is { } g && g > spec.MaxGrowthBytes && attempts < 3)
        {
            attempts++;
            growth = Math.Min(g, Run(solution) ?? g);
        }
        if (growth is null || referenceGrowth is null)
        {
            return null;
        }
        return new MemoryReport
        {
            GrowthBytes = growth.Value,
            ReferenceGrowthBytes = referenceGrowth.Value,
            MaxGrowthBytes = spec.MaxGrowthBytes,
            Expected = spec.Expected,
            CaseDescription = spec.CaseDescription,
            Attempts = attempts,
        };
    }

    /// <summary>
    /// Times <paramref name="solution"/> against <paramref name="reference"/> on the timing case and, where the kata
    /// declares one, measures the complexity slope (skipped when the speed is already over budget).
    /// </summary>
    public (TimingReport Timing, ComplexityReport? Complexity) MeasureSpeed(KataInvoker solution, KataInvoker reference,
        int seed, TimingOptions? options = null)
    {
        TorchRuntime.EnsureLoaded(); // libtorch loaded and single-threaded, as in every grading
        using var scope = NewDisposeScope();
        var rng = new Random(seed);
        TimingReport timing;
        using (var timingCase = TimingCase(rng))
        {
            timing = TimingComparer.CompareWithRetry(
                () => { using var _ = NewDisposeScope(); solution(timingCase); },
                () => { using var _ = NewDisposeScope(); reference(timingCase); },
                Spec.SpeedBudget, options);
        }
        var complexity = timing.WithinBudget && Complexity is { } spec
            ? MeasureComplexity(spec, solution, reference, rng)
            : null;
        return (timing, complexity);
    }

    // Cases kept by CacheCases: golden files by path and write time, random cases by kata, seed and reference version.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, KataCase> GoldenCache = new(StringComparer.Ordinal);
    // Random cases by kata, then by seed and reference version. A few seeds per kata are kept (a watch session uses
    // one; the self-tests one per process; a test may use its own beside them): an evicted list is left to the GC,
    // never disposed, because another thread may still be copying cases out of it.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<(string Key, IReadOnlyList<KataCase> Cases)>> RandomCache = new(StringComparer.Ordinal);
    private const int SeedsKeptPerKata = 4;

    private IEnumerable<KataCase> AllCases(GradeOptions options, int seed, Lazy<KataInvoker> reference, Func<bool> stubbed)
    {
        foreach (var file in GoldenCaseFiles())
        {
            if (!options.CacheCases)
            {
                yield return CaseFile.Read(file, Spec.Slug, hidden: false);
                continue;
            }
            var info = new FileInfo(file);
            string key = string.Create(CultureInfo.InvariantCulture, $"{info.FullName}|{info.LastWriteTimeUtc.Ticks}|{info.Length}");
            yield return GoldenCache.GetOrAdd(key, _ => CaseFile.Read(file, Spec.Slug, hidden: false).Kept()).Copy();
        }
        foreach (var dir in options.ExtraCaseDirs)
        {
            if (!Directory.Exists(dir))
            {
                throw new CaseFileException(dir, "the folder does not exist");
            }
            foreach (var file in CaseFile.List(dir))
            {
                yield return CaseFile.Read(file, Spec.Slug, hidden: true);
            }
        }
        if (stubbed())
        {
            if (options.CacheCases)
            {
                CachedRandomCases(seed, reference); // drawn now, while the learner reads the statement, not on the first save
            }
            yield break;
        }
        if (!options.CacheCases)
        {
            foreach (var c in RandomCases(new Random(unchecked(seed * 31 + 7)), reference.Value))
            {
                yield return c;
            }
            yield break;
        }
        foreach (var c in CachedRandomCases(seed, reference))
        {
            yield return c.Copy();
        }
    }

    private IReadOnlyList<KataCase> CachedRandomCases(int seed, Lazy<KataInvoker> reference)
    {
        var referenceFile = new FileInfo(Layout.ReferencePath(Spec.Slug));
        string randomKey = string.Create(CultureInfo.InvariantCulture, $"{seed}|{referenceFile.LastWriteTimeUtc.Ticks}|{referenceFile.Length}");
        var kept = RandomCache.GetOrAdd(Spec.Slug, _ => []);
        lock (kept) // one draw per seed even when gradings of one kata run in parallel (the self-tests)
        {
            foreach (var (key, cases) in kept)
            {
                if (key == randomKey)
                {
                    return cases;
                }
            }
            var drawn = RandomCases(new Random(unchecked(seed * 31 + 7)), reference.Value).Select(c => c.Kept()).ToList();
            kept.Add((randomKey, drawn));
            if (kept.Count > SeedsKeptPerKata)
            {
                kept.RemoveAt(0);
            }
            return drawn;
        }
    }

    private (CaseReport Report, bool NotImplemented) RunCase(CaseThread caseThread, KataInvoker solution, KataCase kataCase)
    {
        CaseReport? report = null;
        bool notImplemented = false;
        var baseReport = new CaseReport
        {
            Name = kataCase.Name,
            Note = kataCase.Note,
            Hidden = kataCase.Hidden,
            Entry = kataCase.Entry,
            Inputs = kataCase.DescribeInputs(),
            Verdict = Verdict.Passed,
        };
        // The solution runs on a thread of its own (one per grading, reused across cases: creating a thread with a 64 MB
        // stack costs ~1 ms) so that a runaway loop is a TimeLimitExceeded instead of a hung run. TorchSharp dispose
        // scopes are per thread: everything the solution allocates is freed on that thread.
        bool finished = caseThread.Run(() =>
        {
            try
            {
                (report, notImplemented) = RunCaseOnThisThread(solution, kataCase, baseReport);
            }
#pragma warning disable CA1031 // Whatever the solution throws must become a verdict, not a crashed grader.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                report = baseReport with { Verdict = Verdict.RuntimeError, Message = "the grader failed: " + ex };
            }
        }, CaseTimeLimit);
        if (!finished)
        {
            return (baseReport with
            {
                Verdict = Verdict.TimeLimitExceeded,
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"still running after {CaseTimeLimit.TotalSeconds:0.#} s (the limit for one case); look for a loop that never ends"),
                Seconds = CaseTimeLimit.TotalSeconds,
            }, false);
        }
        return (report!, notImplemented);
    }

    private (CaseReport, bool) RunCaseOnThisThread(KataInvoker solution, KataCase kataCase, CaseReport baseReport)
    {
        using var scope = NewDisposeScope();
        var originals = kataCase.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var clock = Stopwatch.StartNew();
        IReadOnlyDictionary<string, Tensor> outputs;
        try
        {
            outputs = solution(kataCase);
        }
        catch (NotImplementedException ex)
        {
            return (baseReport with
            {
                Verdict = Verdict.RuntimeError,
                Message = $"{kataCase.Entry ?? "the entry point"} still throws NotImplementedException{Where(ex)}",
                Seconds = clock.Elapsed.TotalSeconds,
            }, true);
        }
#pragma warning disable CA1031 // Any exception from learner code is a RuntimeError verdict.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var inner = ex is TargetInvocationException { InnerException: { } i } ? i : ex;
            return (baseReport with
            {
                Verdict = Verdict.RuntimeError,
                Message = $"{inner.GetType().Name}: {LearnerMessage(inner)}{Where(inner)}",
                Seconds = clock.Elapsed.TotalSeconds,
            }, false);
        }
        double seconds = clock.Elapsed.TotalSeconds;

        var mutated = originals.Where(kv => !SameTensor(kv.Value, kataCase.Inputs[kv.Key])).Select(kv => kv.Key).ToList();
        var tensorReports = new List<TensorReport>();
        foreach (var (name, expected) in kataCase.Expected)
        {
            if (!outputs.TryGetValue(name, out var actual))
            {
                // Gradients of an entry the invoker runs forward-only are not compared; any other expected output the
                // invoker does not produce is a grader bug that would silently grade less than the case file says.
                if (IsGradientOutput(name))
                {
                    continue;
                }
                throw new InvalidOperationException($"case {kataCase.Name} expects output {name}, which the grader's invoker does " +
                    $"not return (it returns {string.Join(", ", outputs.Keys)}): fix the grader's Bind or the case file");
            }
            if (actual is null)
            {
                return (baseReport with { Verdict = Verdict.RuntimeError, Message = $"{name} is null", Seconds = seconds }, false);
            }
            var r = TensorComparison.Compare(name, actual, expected, ToleranceFor(kataCase, name, expected));
            if (r.Verdict == Verdict.WrongAnswer && IsGradientOutput(name))
            {
                r = r with { Verdict = Verdict.WrongGradient };
            }
            tensorReports.Add(kataCase.Hidden ? r.Redacted() : r);
        }
        if (tensorReports.Count == 0 && kataCase.Expected.Count > 0)
        {
            throw new InvalidOperationException($"case {kataCase.Name} compares none of its expected outputs " +
                $"({string.Join(", ", kataCase.Expected.Keys)}): it would pass any solution; fix the grader's Bind or the case file");
        }
        var verdict = tensorReports.Select(r => r.Verdict).Aggregate(Verdict.Passed, Verdicts.First);
        string? message = null;
        if (mutated.Count > 0)
        {
            verdict = Verdicts.First(verdict, Verdict.InputMutated);
            message = $"the solution modified its input {string.Join(", ", mutated)} (inputs are read-only: work on a copy, e.g. x.clone(), or use out-of-place ops)";
        }
        return (baseReport with { Verdict = verdict, Outputs = tensorReports, Message = message, Seconds = seconds }, false);
    }

    private static bool SameTensor(Tensor a, Tensor b)
    {
        if (a.dtype != b.dtype || !a.shape.AsSpan().SequenceEqual(b.shape))
        {
            return false;
        }
        if (!a.is_floating_point())
        {
            return a.Equals(b);
        }
        if (a.Equals(b))
        {
            return true; // equal values: the common case, in one operation (a NaN never equals itself, so NaNs go on)
        }
        using var same = a.eq(b).logical_or(a.isnan().logical_and(b.isnan()));
        return same.all().item<bool>();
    }

    /// <summary>
    /// An exception's message as a learner needs it: libtorch's errors (ExternalException) carry the C++ backtrace after
    /// their one-line message ("Exception raised from … frame #0: …"), dozens of lines that only hide the line that says
    /// what went wrong.
    /// </summary>
    internal static string LearnerMessage(Exception ex)
    {
        string message = ex.Message;
        int backtrace = message.IndexOf("Exception raised from ", StringComparison.Ordinal);
        return backtrace > 0 ? message[..backtrace].TrimEnd() : message;
    }

    private static string Where(Exception ex)
    {
        // Point at the learner's line: the first stack frame in a kata file.
        var trace = new StackTrace(ex, fNeedFileInfo: true);
        foreach (var frame in trace.GetFrames())
        {
            string? file = frame.GetFileName();
            if (file is not null && file.EndsWith(".cs", StringComparison.Ordinal) && frame.GetFileLineNumber() > 0
                && !file.Contains("MlKatas.Grading", StringComparison.Ordinal))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $" at {RepoLayout.Relative(file)}:{frame.GetFileLineNumber()} (in {frame.GetMethod()?.Name})");
            }
        }
        return "";
    }

    private static ComplexityReport MeasureComplexity(ComplexitySpec spec, KataInvoker solution, KataInvoker reference, Random rng)
    {
        ComplexityReport? best = null;
        for (int attempt = 1; attempt <= 2; attempt++)
        {
            var cases = spec.Sizes.ToDictionary(s => s, s => spec.MakeCase(s, rng));
            try
            {
                Action Run(KataInvoker f, long size) => () => { using var _ = NewDisposeScope(); f(cases[size]); };
                var (sol, refTimings) = ComplexityProbe.MeasureInterleaved(spec.Sizes, s => Run(solution, s), s => Run(reference, s));
                var report = new ComplexityReport
                {
                    Parameter = spec.Parameter,
                    Slope = ComplexityProbe.Slope(sol),
                    ReferenceSlope = ComplexityProbe.Slope(refTimings),
                    MaxSlope = spec.MaxSlope,
                    Expected = spec.Expected,
                    Timings = sol,
                    Attempts = attempt,
                };
                if (best is null || report.Overshoot < best.Overshoot)
                {
                    best = report;
                }
                if (best.WithinLimit || best.BeyondDoubt)
                {
                    break;
                }
            }
            finally
            {
                foreach (var c in cases.Values)
                {
                    c.Dispose();
                }
            }
        }
        return best!;
    }

    /// <summary>A one-line summary for a learner.</summary>
    public static string Summarise(KataResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ic = CultureInfo.InvariantCulture;
        var failing = result.Cases.FirstOrDefault(c => c.Verdict == result.Verdict);
        return result.Verdict switch
        {
            Verdict.Passed => string.Create(ic, $"{result.Kata}: passed {result.Cases.Count} cases") +
                (result.Timing is { } t ? string.Create(ic, $", {t.Ratio:0.00}× the reference's time (budget {t.Budget:0.#}×)") : "") +
                (result.Complexity is { } c ? string.Create(ic, $", time ∝ {c.Parameter}^{c.Slope:0.00}") : ""),
            Verdict.NotAttempted => $"{result.Kata}: not attempted yet — edit {result.Solution}",
            Verdict.CompileError => $"{result.Kata}: {result.Solution} does not compile" +
                (result.CompileErrors.Count > 0 ? ": " + result.CompileErrors[0] : ""),
            Verdict.ForbiddenApi => $"{result.Kata}: " + string.Join("; ", result.ForbiddenApis),
            Verdict.TooSlow => string.Create(ic,
                $"{result.Kata}: correct, but {result.Timing!.Ratio:0.0}× the reference's time; the budget is {result.Timing.Budget:0.#}×"),
            Verdict.WrongComplexity when result.Memory is { WithinLimit: false } m => string.Create(ic,
                $"{result.Kata}: correct, but one call raised peak memory by {MemoryReport.Megabytes(m.GrowthBytes)} on {m.CaseDescription} (the reference's by {MemoryReport.Megabytes(m.ReferenceGrowthBytes)}; limit {MemoryReport.Megabytes(m.MaxGrowthBytes)}); expected {m.Expected}"),
            Verdict.WrongComplexity => string.Create(ic,
                $"{result.Kata}: correct, but time grows as {result.Complexity!.Parameter}^{result.Complexity.Slope:0.00} (the reference's as {result.Complexity.Parameter}^{result.Complexity.ReferenceSlope:0.00}); expected {result.Complexity.Expected} (slope ≤ {result.Complexity.MaxSlope:0.0#})"),
            _ => $"{result.Kata}: {result.Verdict} in case {failing?.Name}: " +
                 (failing?.Message
                  ?? (failing?.Outputs.FirstOrDefault(o => o.Verdict == failing.Verdict) ?? failing?.Outputs.FirstOrDefault(o => !o.Passed))?.Describe()
                  ?? result.Verdict.Explain()),
        };
    }

    /// <summary>A standard-normal tensor drawn from <paramref name="rng"/> (reproducible from the grading's seed).</summary>
    protected static Tensor RandN(Random rng, ScalarType dtype, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(rng);
        using var gen = new Generator((ulong)rng.NextInt64(1, long.MaxValue));
        return torch.randn(shape, dtype: dtype, generator: gen);
    }

    /// <summary>A uniform [0, 1) tensor drawn from <paramref name="rng"/>.</summary>
    protected static Tensor Rand(Random rng, ScalarType dtype, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(rng);
        using var gen = new Generator((ulong)rng.NextInt64(1, long.MaxValue));
        return torch.rand(shape, dtype: dtype, generator: gen);
    }

    /// <summary>
    /// Builds a random case whose inputs are <paramref name="inputs"/> (in the dtype the learner gets; the case owns
    /// them) and whose expected outputs are the reference's exact answer — computed on float64 copies of the floating
    /// inputs — rounded to <paramref name="dtype"/>, as golden float32 cases are made.
    /// </summary>
    protected static KataCase ExactReferenceCase(string name, KataInvoker reference, Dictionary<string, Tensor> inputs,
        JsonObject args, ScalarType dtype, string? entry = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(args);
        var exactInputs = inputs.ToDictionary(kv => kv.Key,
            kv => kv.Value.is_floating_point() ? kv.Value.to_type(ScalarType.Float64) : kv.Value.clone());
        using var exact = ReferenceCase(name, reference, exactInputs, (JsonObject)args.DeepClone(), entry, note);
        var expected = exact.Expected.ToDictionary(kv => kv.Key,
            kv => kv.Value.is_floating_point() ? kv.Value.to_type(dtype) : kv.Value.clone());
        return new KataCase(name, inputs, args, expected)
        {
            Source = "random",
            Hidden = true,
            Entry = entry,
            Note = note,
        };
    }

    /// <summary>Builds a random case whose expected outputs come from the reference.</summary>
    protected static KataCase ReferenceCase(string name, KataInvoker reference, Dictionary<string, Tensor> inputs,
        JsonObject args, string? entry = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var probe = new KataCase(name, inputs, args, new Dictionary<string, Tensor>()) { Entry = entry };
        var expected = reference(probe);
        return new KataCase(name, inputs, args, expected.ToDictionary(kv => kv.Key, kv => kv.Value.detach()))
        {
            Source = "random",
            Hidden = true,
            Entry = entry,
            Note = note,
        };
    }
}
