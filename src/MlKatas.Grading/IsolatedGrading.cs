using System.Diagnostics;
using System.Globalization;
using System.Text;

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

    /// <summary>Grades <paramref name="solutionPath"/> for kata <paramref name="slug"/> in a child process.</summary>
    public IsolatedResult Grade(string slug, string solutionPath, GradeOptions options, TimeSpan wallLimit)
    {
        ArgumentNullException.ThrowIfNull(options);
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
        bool exited = process.WaitForExit(wallLimit);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit(); // drains the output pipes
        string output = stdout.ToString();
        try
        {
            if (exited && process.ExitCode == 0 && File.Exists(resultPath))
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
            return new IsolatedResult(Killed(slug, solution, clock.Elapsed, wallLimit, currentCase), output);
        }
        if (process.ExitCode == 2 && stderr.Length > 0 && !stderr.ToString().Contains("terminate called", StringComparison.Ordinal))
        {
            // The worker refused its arguments or a case file: that is the caller's error, not the solution's.
            throw new InvalidOperationException(stderr.ToString().Trim());
        }
        return new IsolatedResult(Died(slug, solution, clock.Elapsed, process.ExitCode, stderr.ToString(), currentCase), output);
    }

    /// <summary>The result of a grading whose process was killed at its wall-clock limit.</summary>
    internal static KataResult Killed(string slug, string solution, TimeSpan elapsed, TimeSpan wallLimit, string? currentCase) =>
        Failed(slug, solution, Verdict.TimeLimitExceeded, elapsed, string.Create(CultureInfo.InvariantCulture,
            $"grading was still running after {wallLimit.TotalSeconds:0} s{During(currentCase)}; the grading process was killed"));

    /// <summary>The result of a grading whose process died.</summary>
    internal static KataResult Died(string slug, string solution, TimeSpan elapsed, int exitCode, string stderr, string? currentCase) =>
        Failed(slug, solution, Verdict.RuntimeError, elapsed,
            $"the grading process died{During(currentCase)} (exit code {exitCode}): {Explain(stderr)}");

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
