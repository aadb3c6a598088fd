using System.Diagnostics;
using System.Globalization;
using MlKatas.Graders;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using MlKatas.Grading.Timing;
using static TorchSharp.torch;

namespace MlKatas.Benchmarks;

/// <summary>
/// <c>compare SLUG FILE.cs… [--case CASE.safetensors] [--repeats N] [--seed S]</c>: times other implementations of a
/// kata against its reference, side by side in one process, on the kata's timing case (or on a given case file), and
/// checks they compute the same thing. For calibrating speed budgets and for trying a faster reference before it
/// replaces the old one. Each figure is the median of N interleaved calls (reference, file 1, file 2, …, repeated) after
/// one warm-up call each, single-threaded as in a grading.
/// </summary>
public static class CompareImplementations
{
    private const string Usage = "usage: compare SLUG FILE.cs... [--case CASE.safetensors] [--repeats N] [--seed S]";

    public static int Run(string[] args)
    {
        var files = new List<string>();
        string? slug = null, casePath = null;
        int repeats = 11, seed = 1;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--case": casePath = Value(); break;
                    case "--repeats": repeats = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case var a when a.StartsWith("--", StringComparison.Ordinal): throw new ArgumentException($"unknown option {a}");
                    case var a when slug is null: slug = a; break;
                    case var a: files.Add(a); break;
                }
            }
            if (slug is null || files.Count == 0)
            {
                throw new ArgumentException("give a kata and at least one file");
            }
            if (repeats < 1)
            {
                throw new ArgumentException("--repeats must be at least 1");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"compare: {ex.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var grader = KataCatalog.Find(slug);
        if (grader is null)
        {
            Console.Error.WriteLine($"compare: no kata '{slug}' (see `mlkatas list`)");
            return 2;
        }
        TorchRuntime.EnsureLoaded();
        var layout = RepoLayout.Current;
        var implementations = new List<(string Name, KataInvoker Invoke)> { ("reference", grader.Reference()) };
        foreach (string file in files)
        {
            var compiled = SolutionCompiler.Compile(Path.GetFullPath(file), layout.GlobalUsingsPath, "compare-" + implementations.Count.ToString(CultureInfo.InvariantCulture));
            if (!compiled.Succeeded)
            {
                Console.Error.WriteLine($"compare: {file} does not compile:");
                foreach (var error in compiled.Errors)
                {
                    Console.Error.WriteLine("  " + error);
                }
                return 1;
            }
            implementations.Add((file, grader.Bind(compiled.Solution!.Assembly)));
        }

        using var scope = NewDisposeScope();
        KataCase kataCase;
        try
        {
            kataCase = casePath is null ? grader.TimingCase(new Random(seed)) : CaseFile.Read(casePath, slug);
        }
        catch (CaseFileException ex)
        {
            Console.Error.WriteLine($"compare: {ex.Message}");
            return 1;
        }
        using (kataCase)
        {
            Console.WriteLine($"{slug}, case {(casePath ?? $"timing (seed {seed})")}: {kataCase.DescribeInputs()}; median of {repeats} interleaved calls, 1 thread");
            Console.WriteLine();
            var reference = implementations[0].Invoke(kataCase.Copy());
            var times = implementations.Select(_ => new List<double>()).ToArray();
            bool agree = true;
            var rows = new List<string>();
            for (int j = 0; j < implementations.Count; j++)
            {
                using var warm = NewDisposeScope();
                using var input = kataCase.Copy();
                var outputs = implementations[j].Invoke(input);
                string agreement = j == 0 ? "—" : Agreement(grader, kataCase, reference, outputs, ref agree);
                rows.Add(agreement);
            }
            for (int r = 0; r < repeats; r++)
            {
                for (int j = 0; j < implementations.Count; j++)
                {
                    using var call = NewDisposeScope();
                    using var input = kataCase.Copy();
                    var clock = Stopwatch.StartNew();
                    implementations[j].Invoke(input);
                    times[j].Add(clock.Elapsed.TotalSeconds);
                }
            }
            double referenceMedian = TimingComparer.Median(times[0]);
            Console.WriteLine("| implementation | median | min–max | ratio to the reference | outputs vs the reference |");
            Console.WriteLine("|---|---|---|---|---|");
            for (int j = 0; j < implementations.Count; j++)
            {
                double median = TimingComparer.Median(times[j]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {implementations[j].Name} | {median * 1000:0.00} ms | {times[j].Min() * 1000:0.00}–{times[j].Max() * 1000:0.00} ms | **{median / referenceMedian:0.00}×** | {rows[j]} |"));
            }
            foreach (var t in reference.Values)
            {
                t.Dispose();
            }
            return agree ? 0 : 1;
        }
    }

    // Each output compared as a grading compares it (TensorComparison: shape, dtype, non-finite values, the kata's
    // tolerance for that output), with the reference's output as the expected value.
    private static string Agreement(KataGrader grader, KataCase kataCase, IReadOnlyDictionary<string, Tensor> reference,
        IReadOnlyDictionary<string, Tensor> outputs, ref bool agree)
    {
        var parts = new List<string>();
        foreach (var (name, expected) in reference)
        {
            if (!outputs.TryGetValue(name, out var actual))
            {
                parts.Add($"{name} missing");
                agree = false;
                continue;
            }
            var report = TensorComparison.Compare(name, actual, expected, grader.ToleranceFor(kataCase, name, expected));
            agree &= report.Verdict == Verdict.Passed;
            parts.Add(report.Verdict == Verdict.Passed
                ? string.Create(CultureInfo.InvariantCulture, $"{name} max abs diff {report.MaxAbsError:0.0e0}")
                : string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {report.Verdict} ({report.OutOfTolerance} of {report.Elements} out of tolerance, max abs diff {report.MaxAbsError:0.0e0}, shape [{string.Join(',', report.ActualShape)}] vs [{string.Join(',', report.ExpectedShape)}])"));
        }
        return string.Join("; ", parts);
    }
}
