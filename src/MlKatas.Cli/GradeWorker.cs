using System.Globalization;
using System.Text.Json;
using MlKatas.Graders;
using MlKatas.Grading;

namespace MlKatas.Cli;

/// <summary>
/// <c>mlkatas grade-worker &lt;slug&gt; --solution FILE --result FILE [--no-timing] [--seed N] [--cases DIR]…</c>:
/// grades one kata in this process and writes the <see cref="KataResult"/> JSON to the result file. Started by
/// <see cref="IsolatedGrading"/>; not meant for people (the result goes to a file so that whatever a solution prints
/// cannot corrupt it). <c>mlkatas grade-worker --serve [--warm SLUG]</c> stays up and grades one
/// <see cref="GradeRequest"/> per line of standard input (<see cref="WarmGradingWorker"/>).
/// </summary>
public static class GradeWorker
{
    /// <summary>The verb that selects the worker.</summary>
    public const string Verb = IsolatedGrading.WorkerVerb;

    /// <summary>Whether <paramref name="args"/> ask for the worker.</summary>
    public static bool IsWorkerInvocation(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <summary>Runs the worker; exit code 0 when a result was written, 2 on bad arguments or unusable case files.</summary>
    public static int Run(string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length > 0 && args[0] == "--serve")
        {
            return Serve(args.Length > 2 && args[1] == "--warm" ? args[2] : null, Console.In, error);
        }
        if (args.Length == 0)
        {
            error.WriteLine($"usage: mlkatas {Verb} <slug> --solution FILE --result FILE [--no-timing] [--seed N] [--cases DIR]...");
            return 2;
        }
        string slug = args[0];
        string? solution = null, resultPath = null;
        var options = new GradeOptions();
        var caseDirs = new List<string>();
        for (int i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--solution": solution = Value(); break;
                    case "--result": resultPath = Value(); break;
                    case "--no-timing": options = options with { Timing = false }; break;
                    case "--seed": options = options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                    case "--cases": caseDirs.Add(Value()); break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
            {
                error.WriteLine($"mlkatas {Verb}: {ex.Message}");
                return 2;
            }
        }
        if (resultPath is null)
        {
            error.WriteLine($"mlkatas {Verb}: --result is required");
            return 2;
        }
        string? problem = GradeOne(slug, solution, resultPath, options with { ExtraCaseDirs = caseDirs }, error);
        if (problem is not null)
        {
            error.WriteLine(problem);
            return 2;
        }
        return 0;
    }

    private static volatile bool _grading;
    private static int _exitHookInstalled;

    /// <summary>
    /// A solution that calls <c>Environment.Exit</c> ends this process with the exit code it chose — 0 or 2 would look
    /// like success or a refused request. While a grading runs, process exit prints <see cref="IsolatedGrading.ExitMarker"/>
    /// so the parent can say what happened.
    /// </summary>
    private static void InstallExitHook(TextWriter error)
    {
        if (Interlocked.Exchange(ref _exitHookInstalled, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                if (_grading)
                {
                    error.WriteLine(IsolatedGrading.ExitMarker + Environment.ExitCode.ToString(CultureInfo.InvariantCulture));
                    error.Flush();
                }
            };
        }
    }

    /// <summary>Grades one kata into <paramref name="resultPath"/>; returns what was wrong with the request, or null.</summary>
    private static string? GradeOne(string slug, string? solution, string resultPath, GradeOptions options, TextWriter error)
    {
        var grader = KataCatalog.Find(slug);
        if (grader is null)
        {
            return $"mlkatas {Verb}: no kata named '{slug}'";
        }
        InstallExitHook(error);
        _grading = true;
        try
        {
            var result = grader.Grade(solution ?? grader.SolutionPath, options with
            {
                OnCaseStart = name => { error.WriteLine(IsolatedGrading.CaseMarker + name); error.Flush(); },
            });
            string tmp = resultPath + ".tmp";
            File.WriteAllText(tmp, result.ToJson());
            File.Move(tmp, resultPath, overwrite: true);
            return null;
        }
        catch (CaseFileException ex)
        {
            return ex.Message;
        }
        finally
        {
            _grading = false;
        }
    }

    /// <summary>The warm worker's loop: one request per line until the end of input.</summary>
    private static int Serve(string? warm, TextReader input, TextWriter error)
    {
        // Every grading needs libtorch and the graders: load both before the first request arrives (a prestarted
        // worker waits here while its parent compiles the solution).
        ProcessTrace.Mark("worker: main");
        // While libtorch's native libraries load on this thread, load the graders and JIT-compile the request and result
        // JSON on another (MLKATAS_TRACE: the graders took 0.09–0.11 s and the first request 0.19–0.27 s after libtorch had loaded; now the request is taken at once).
        var sideWork = Task.Run(() =>
        {
            _ = KataCatalog.All.Count;
            var sample = new GradeRequest { Id = "warm-up", Slug = "warm-up", Solution = "Solution.cs", Result = "result.json" };
            _ = GradeRequest.FromJsonLine(sample.ToJsonLine());
            _ = KataResult.FromJson(new KataResult { Kata = "warm-up", Solution = "Solution.cs", Verdict = Verdict.Passed, Summary = "" }.ToJson());
        });
        TorchRuntime.EnsureLoaded();
        ProcessTrace.Mark("worker: libtorch loaded");
        sideWork.Wait();
        ProcessTrace.Mark("worker: graders loaded; waiting for a request");
        if (warm is not null && KataCatalog.Find(warm) is { } g)
        {
            // Load TorchSharp, compile the reference and JIT the whole grading path now, while the learner reads the
            // statement: grade the reference once (correctness only), so the first save costs what every save costs.
            g.Grade(g.Layout.ReferencePath(warm), new GradeOptions { Timing = false });
            // ... and the failure path (worst element, mismatch map), which the first wrong save would otherwise JIT.
            using var scope = TorchSharp.torch.NewDisposeScope();
            var expected = TorchSharp.torch.arange(64, TorchSharp.torch.ScalarType.Float64).reshape(8, 8);
            TensorComparison.Compare("warm-up", expected.flip(0), expected, new Tolerance(1e-9, 1e-9)).Describe();
        }
        while (input.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            GradeRequest request;
            try
            {
                request = GradeRequest.FromJsonLine(line);
            }
            catch (JsonException ex)
            {
                error.WriteLine(WarmGradingWorker.DoneMarker + "error bad request: " + ex.Message);
                continue;
            }
            ProcessTrace.Mark("worker: request " + request.Slug);
            string? problem = GradeOne(request.Slug, request.Solution, request.Result, request.ToOptions(), error);
            ProcessTrace.Mark("worker: result written");
            error.WriteLine(WarmGradingWorker.DoneMarker + (problem is null ? request.Id : "error " + problem.ReplaceLineEndings(" ")));
            error.Flush();
        }
        return 0;
    }
}
