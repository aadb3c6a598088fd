using System.Diagnostics;
using System.Globalization;
using System.Text;
using MlKatas.Grading.Compilation;

namespace MlKatas.Grading;

/// <summary>A grading that ran in its own process, with what the solution printed.</summary>
public sealed record IsolatedResult(KataResult Result, string Output);

/// <summary>
/// Grades a kata in a child process (<c>mlkatas grade-worker</c>) with a hard wall-clock limit, so that a solution
/// which kills its process — libtorch aborts on some errors it cannot report (a float32 × float64 <c>matmul</c>), a
/// stack overflow — or never returns costs that kata its verdict and nothing else.
/// </summary>
public sealed class IsolatedGrading
{
    /// <summary>The worker verb of the <c>mlkatas</c> executable.</summary>
    public const string WorkerVerb = "grade-worker";
    /// <summary>Marker line the worker prints to standard error before each case.</summary>
    public const string CaseMarker = "##mlkatas-case ";
    /// <summary>Marker line the worker prints to standard error when its process exits in the middle of a grading (<c>Environment.Exit</c>).</summary>
    public const string ExitMarker = "##mlkatas-exit ";
    /// <summary>
    /// Default memory limit of a grading process: its resident set, native (libtorch) memory included. A worker grading
    /// a reference with timing peaked at 0.32–0.37 GB (k-means, multi-head-attention, soft-margin-svm; /usr/bin/time).
    /// </summary>
    public const long DefaultMemoryLimit = 3L << 30;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Uses the worker assembly at <paramref name="workerDll"/> (run with the current <c>dotnet</c>).</summary>
    /// <param name="workerDll">Path of <c>mlkatas.dll</c>.</param>
    /// <param name="root">The checkout the worker grades in (default: the current one).</param>
    public IsolatedGrading(string workerDll, string? root = null)
    {
        WorkerDll = workerDll;
        Root = root ?? RepoLayout.Current.Root;
    }

    /// <summary>Path of <c>mlkatas.dll</c>.</summary>
    public string WorkerDll { get; }

    /// <summary>The checkout the worker grades in (passed as <c>MLKATAS_ROOT</c>).</summary>
    public string Root { get; }

    /// <summary>The worker beside the running program (graders/Tests and the runner ship it in their output).</summary>
    public static IsolatedGrading Beside(string? root = null) => new(WorkerBeside(), root);

    /// <summary>Path of the worker beside the running program.</summary>
    public static string WorkerBeside()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "mlkatas.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The grading worker {path} is missing; rebuild (dotnet build).", path);
    }

    /// <summary>
    /// Compiles the solution and the reference in this process, into <see cref="SolutionCompiler"/>'s disk cache, so the
    /// grading process loads both images instead of starting Roslyn: a cold compiler costs seconds of JIT per process,
    /// and a runner that grades many katas (<c>check --all</c>, the test host) pays it once. Compiling runs none of the
    /// solution's code, so it is safe outside the isolated process. Without a disk cache the worker compiles, as before.
    /// </summary>
    public void Precompile(string slug, string solutionPath)
    {
        if (SolutionCompiler.CacheDirectory is null)
        {
            return;
        }
        var layout = new RepoLayout(Root);
        var compiling = Task.Run(() =>
        {
            if (File.Exists(solutionPath))
            {
                SolutionCompiler.Compile(solutionPath, layout.GlobalUsingsPath, KataGrader.SolutionAssemblyName(slug));
            }
            if (File.Exists(layout.ReferencePath(slug)))
            {
                SolutionCompiler.Compile(layout.ReferencePath(slug), layout.GlobalUsingsPath, KataGrader.ReferenceAssemblyName(slug));
            }
        });
        // A file that keeps the compiler busy for minutes is left to the worker, which is killed at the wall limit.
        try
        {
            compiling.Wait(PrecompileLimit);
        }
        catch (AggregateException ex) when (ex.InnerException is IOException or UnauthorizedAccessException)
        {
            // unreadable now: the worker reports it
        }
    }

    private static readonly TimeSpan PrecompileLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Starts a grading process before the solution is known: it loads the runtime, TorchSharp's native libraries
    /// (0.9–1.2 s in MLKATAS_TRACE time lines) and the graders while the caller parses its arguments and compiles the
    /// solution (<see cref="Precompile"/>), then grades the one request <see cref="GradePrestarted"/> sends it. The
    /// caller owns the returned worker and disposes it (an unused one exits when its standard input closes).
    /// </summary>
    public WarmGradingWorker Prestart()
    {
        var worker = new WarmGradingWorker(WorkerDll, Root) { FullJit = false };
        worker.Start();
        return worker;
    }

    /// <summary>
    /// <see cref="Grade"/> in a worker from <see cref="Prestart"/>: the same limits and verdicts, with the solution and
    /// the reference compiled here first while the worker starts. The worker is used up (killed once its result is read) by this grading.
    /// </summary>
    /// <param name="worker">From <see cref="Prestart"/>; killed and disposed here.</param>
    /// <param name="slug">The kata.</param>
    /// <param name="solutionPath">The file to grade.</param>
    /// <param name="options">As for <see cref="Grade"/>.</param>
    /// <param name="wallLimit">As for <see cref="Grade"/>.</param>
    /// <param name="memoryLimit">As for <see cref="Grade"/>.</param>
    /// <param name="whileGrading">Work for this process while the worker grades (e.g. JIT-compiling the rendering of the result).</param>
    public IsolatedResult GradePrestarted(WarmGradingWorker worker, string slug, string solutionPath, GradeOptions options,
        TimeSpan wallLimit, long memoryLimit = DefaultMemoryLimit, Action? whileGrading = null)
    {
        ArgumentNullException.ThrowIfNull(worker);
        try
        {
            ProcessTrace.Mark("runner: compiling " + slug);
            Precompile(slug, solutionPath);
            ProcessTrace.Mark("runner: compiled; request sent");
            var meanwhile = whileGrading is null ? Task.CompletedTask : Task.Run(whileGrading);
            var result = worker.Grade(slug, solutionPath, options, wallLimit, memoryLimit);
            meanwhile.Wait();
            ProcessTrace.Mark("runner: result read");
            return result;
        }
        finally
        {
            // Killed, not asked to exit, and not waited for: the result is read. Between reading the result and recording
            // it (MLKATAS_TRACE): 0.44–0.67 s when the worker was asked to exit, 0.21 s killed and waited for, 0.14 s now.
            worker.Kill(wait: false);
        }
    }

    /// <summary>
    /// Grades <paramref name="solutionPath"/> for kata <paramref name="slug"/> in a child process, killed when it runs past
    /// <paramref name="wallLimit"/> or its resident memory passes <paramref name="memoryLimit"/> bytes.
    /// </summary>
    public IsolatedResult Grade(string slug, string solutionPath, GradeOptions options, TimeSpan wallLimit, long memoryLimit = DefaultMemoryLimit)
    {
        ArgumentNullException.ThrowIfNull(options);
        Precompile(slug, solutionPath);
        string resultPath = Path.Combine(Path.GetTempPath(), $"mlkatas-{slug}-{Guid.NewGuid():N}.json");
        var psi = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(WorkerDll);
        psi.ArgumentList.Add(WorkerVerb);
        psi.ArgumentList.Add(slug);
        psi.ArgumentList.Add("--solution");
        psi.ArgumentList.Add(Path.GetFullPath(solutionPath));
        psi.ArgumentList.Add("--result");
        psi.ArgumentList.Add(resultPath);
        if (!options.Timing)
        {
            psi.ArgumentList.Add("--no-timing");
        }
        if (options.Seed is { } seed)
        {
            psi.ArgumentList.Add("--seed");
            psi.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var dir in options.ExtraCaseDirs)
        {
            psi.ArgumentList.Add("--cases");
            psi.ArgumentList.Add(Path.GetFullPath(dir));
        }
        psi.Environment[RepoLayout.RootVariable] = Root;

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        string? currentCase = null;
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            if (e.Data.StartsWith(CaseMarker, StringComparison.Ordinal))
            {
                currentCase = e.Data[CaseMarker.Length..];
                return;
            }
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool exited = false;
        long peak = 0;
        while (!exited && clock.Elapsed < wallLimit && peak <= memoryLimit)
        {
            var left = wallLimit - clock.Elapsed;
            exited = process.WaitForExit(left < PollInterval ? left : PollInterval);
            peak = exited ? peak : Math.Max(peak, ResidentBytes(process));
        }
        if (!exited)
        {
            Kill(process);
        }
        process.WaitForExit(); // drains the output pipes
        string output = stdout.ToString();
        string errors;
        lock (stderr)
        {
            errors = stderr.ToString();
        }
        bool solutionExited = errors.Contains(ExitMarker, StringComparison.Ordinal);
        try
        {
            if (exited && process.ExitCode == 0 && !solutionExited && File.Exists(resultPath))
            {
                return new IsolatedResult(KataResult.FromJson(File.ReadAllText(resultPath)), output);
            }
        }
        finally
        {
            File.Delete(resultPath);
        }

        string solution = new RepoLayout(Root).RelativePath(solutionPath);
        if (!exited)
        {
            return new IsolatedResult(peak > memoryLimit
                ? OverMemory(slug, solution, clock.Elapsed, peak, memoryLimit, currentCase)
                : Killed(slug, solution, clock.Elapsed, wallLimit, currentCase), output);
        }
        if (process.ExitCode == 2 && !solutionExited && errors.Length > 0 && !errors.Contains("terminate called", StringComparison.Ordinal))
        {
            // The worker refused its arguments or a case file: that is the caller's error, not the solution's.
            throw new InvalidOperationException(stderr.ToString().Trim());
        }
        return new IsolatedResult(Died(slug, solution, clock.Elapsed, process.ExitCode, errors, currentCase), output);
    }

    /// <summary>The resident memory of <paramref name="process"/> in bytes (0 once it is gone).</summary>
    internal static long ResidentBytes(Process process)
    {
        try
        {
            process.Refresh();
            return process.WorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return 0; // exited between the check and the read
        }
    }

    /// <param name="process">The grading process (its children die with it).</param>
    /// <param name="wait">Whether to wait until it has exited (not needed once its result is read).</param>
    internal static void Kill(Process process, bool wait = true)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            if (wait)
            {
                process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    /// <summary>The result of a grading whose process was killed for using more memory than the kata allows.</summary>
    internal static KataResult OverMemory(string slug, string solution, TimeSpan elapsed, long peak, long limit, string? currentCase) =>
        Failed(slug, solution, Verdict.MemoryLimitExceeded, elapsed, string.Create(CultureInfo.InvariantCulture,
            $"the grading process used {peak / 1073741824.0:0.0} GB{During(currentCase)}, over the kata's limit of {limit / 1073741824.0:0.0} GB (native tensor memory included); it was killed — look for tensors kept alive in a loop or an intermediate far larger than the inputs"));

    /// <summary>The result of a grading whose process was killed at its wall-clock limit.</summary>
    internal static KataResult Killed(string slug, string solution, TimeSpan elapsed, TimeSpan wallLimit, string? currentCase) =>
        Failed(slug, solution, Verdict.TimeLimitExceeded, elapsed, string.Create(CultureInfo.InvariantCulture,
            $"grading was still running after {wallLimit.TotalSeconds:0} s{During(currentCase)}; the grading process was killed"));

    /// <summary>The result of a grading whose process died.</summary>
    internal static KataResult Died(string slug, string solution, TimeSpan elapsed, int exitCode, string stderr, string? currentCase) =>
        Failed(slug, solution, Verdict.RuntimeError, elapsed, stderr.Contains(ExitMarker, StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"the solution called Environment.Exit({exitCode}){During(currentCase)}, which ends the grading process; a kata returns its result (or throws) — it never ends the process")
            : $"the grading process died{During(currentCase)} (exit code {exitCode}): {Explain(stderr)}");

    private static string During(string? currentCase) => currentCase is null ? "" : $" during case {currentCase}";

    /// <summary>Turns the last words of a dead process into a sentence for a learner.</summary>
    public static string Explain(string stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.FirstOrDefault(l => l.StartsWith("what():", StringComparison.Ordinal)) is { } what)
        {
            return "libtorch aborted with \"" + what["what():".Length..].Trim() + "\" — an error TorchSharp cannot turn into an " +
                   "exception (typically matmul of tensors with different dtypes or incompatible shapes)";
        }
        if (lines.Any(l => l.StartsWith("Stack overflow", StringComparison.Ordinal)))
        {
            return "stack overflow — look for recursion that does not end";
        }
        int failFast = Array.FindIndex(lines, l => l.StartsWith("Process terminated.", StringComparison.Ordinal));
        if (failFast >= 0)
        {
            // "Process terminated. <message>" on one line, or the message on the next (before the stack trace).
            string message = lines[failFast]["Process terminated.".Length..].Trim();
            if (message.Length == 0 && failFast + 1 < lines.Length && !lines[failFast + 1].StartsWith("at ", StringComparison.Ordinal))
            {
                message = lines[failFast + 1];
            }
            return $"the solution called Environment.FailFast(\"{message}\"), which ends the process on the spot; throw an exception instead";
        }
        if (lines.FirstOrDefault(l => l.StartsWith("Unhandled exception.", StringComparison.Ordinal)) is { } unhandled)
        {
            return "an exception escaped a thread the solution started (" + unhandled["Unhandled exception.".Length..].Trim() +
                   "); on any thread but the caller's an unhandled exception ends the process — catch it there, or do not start threads";
        }
        return lines.Length == 0 ? "it printed nothing" : string.Join(" | ", lines.TakeLast(5));
    }

    private static KataResult Failed(string slug, string solution, Verdict verdict, TimeSpan elapsed, string message)
    {
        var result = new KataResult
        {
            Kata = slug,
            Solution = solution,
            Verdict = verdict,
            Summary = "",
            Seconds = elapsed.TotalSeconds,
            Cases = [new CaseReport { Name = "(grading process)", Verdict = verdict, Message = message }],
        };
        return result with { Summary = $"{slug}: {verdict}: {message}" };
    }

    internal static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }
        string? main = Environment.ProcessPath;
        return main is not null && Path.GetFileNameWithoutExtension(main) == "dotnet" ? main : "dotnet";
    }
}
