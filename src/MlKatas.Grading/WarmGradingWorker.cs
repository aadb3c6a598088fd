using System.Diagnostics;
using System.Text;

namespace MlKatas.Grading;

/// <summary>
/// A grading worker process that stays up between gradings (<c>mlkatas grade-worker --serve</c>): TorchSharp is
/// loaded, Roslyn and the graders are JIT-compiled and the reference is compiled once, so `watch` and `practice` get a
/// verdict in a fraction of a second — and a solution that hangs or kills its process still costs only that grading:
/// the worker is killed or has died, and the next grading starts a new one.
/// </summary>
public sealed class WarmGradingWorker : IDisposable
{
    /// <summary>Marker the worker prints on standard error when a request's result file is written.</summary>
    public const string DoneMarker = "##mlkatas-done ";

    private readonly string _workerDll;
    private readonly string _root;
    private readonly object _gate = new();
    private Process? _process;
    private StringBuilder _stderr = new();
    private StringBuilder _stdout = new();
    private string? _currentCase;
    private string? _done;
    private readonly AutoResetEvent _signal = new(false);

    /// <summary>A worker running <paramref name="workerDll"/> in checkout <paramref name="root"/>.</summary>
    public WarmGradingWorker(string workerDll, string root)
    {
        _workerDll = workerDll;
        _root = root;
    }

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Whether the worker runs with tiered compilation off (the default): right for a worker that grades save after save,
    /// wrong for one that grades once (<see cref="IsolatedGrading.Prestart"/>), whose start-up it would slow.
    /// </summary>
    public bool FullJit { get; init; } = true;

    /// <summary>How many worker processes were started (a crash or a kill costs one restart).</summary>
    public int Starts { get; private set; }

    /// <summary>Starts the worker now (it loads TorchSharp and warms up <paramref name="slug"/>'s grader).</summary>
    public void Start(string? slug = null)
    {
        lock (_gate)
        {
            if (_process is { HasExited: false })
            {
                return;
            }
            _process?.Dispose();
            var psi = new ProcessStartInfo(IsolatedGrading.DotnetHost())
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(_workerDll);
            psi.ArgumentList.Add(IsolatedGrading.WorkerVerb);
            psi.ArgumentList.Add("--serve");
            if (slug is not null)
            {
                psi.ArgumentList.Add("--warm");
                psi.ArgumentList.Add(slug);
            }
            psi.Environment[RepoLayout.RootVariable] = _root;
            // Full JIT from the start: a warm worker compiles a solution per save, and with tiered compilation Roslyn
            // runs unoptimised tier-0 code for its first few dozen compilations (measured: compile 150–400 ms per save
            // with tiering, 50–110 ms without; the grading as a whole ≈ 600 ms → ≈ 330 ms for k-means).
            if (FullJit)
            {
                psi.Environment["DOTNET_TieredCompilation"] = "0";
            }
            var process = new Process { StartInfo = psi };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (_gate)
                    {
                        _stdout.AppendLine(e.Data);
                    }
                }
            };
            process.ErrorDataReceived += (_, e) => OnStderrLine(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
            Starts++;
        }
    }

    /// <summary>
    /// One line of the worker's standard error (null: the pipe closed, the process is gone). It can arrive after this
    /// object is disposed — a worker killed without waiting (<see cref="Kill"/>) closes its pipe later, on a thread-pool
    /// thread — and must then do nothing: an exception there is unhandled and ends the whole process (it did: a test
    /// host died with exit 134 on an ObjectDisposedException from the wake-up signal, 2026-11-27).
    /// </summary>
    internal void OnStderrLine(string? line)
    {
        if (line is null)
        {
            Signal(); // the pipe closed: the process is gone
            return;
        }
        lock (_gate)
        {
            if (line.StartsWith(IsolatedGrading.CaseMarker, StringComparison.Ordinal))
            {
                _currentCase = line[IsolatedGrading.CaseMarker.Length..];
            }
            else if (ProcessTrace.Enabled && line.StartsWith(ProcessTrace.Prefix, StringComparison.Ordinal))
            {
                Console.Error.WriteLine(line); // the worker's milestones, on the runner's time line
            }
            else if (line.StartsWith(DoneMarker, StringComparison.Ordinal))
            {
                _done = line[DoneMarker.Length..];
                Signal();
            }
            else
            {
                _stderr.AppendLine(line);
            }
        }
    }

    private void Signal()
    {
        try
        {
            _signal.Set();
        }
        catch (ObjectDisposedException)
        {
            // disposed: nobody is waiting any more
        }
    }

    /// <summary>
    /// Grades in the warm worker, starting (or restarting) it when needed; the worker is killed when the grading runs
    /// past <paramref name="wallLimit"/> or its resident memory passes <paramref name="memoryLimit"/> bytes.
    /// </summary>
    public IsolatedResult Grade(string slug, string solutionPath, GradeOptions options, TimeSpan wallLimit,
        long memoryLimit = IsolatedGrading.DefaultMemoryLimit)
    {
        ArgumentNullException.ThrowIfNull(options);
        Start(slug);
        var request = new GradeRequest
        {
            Id = Guid.NewGuid().ToString("N"),
            Slug = slug,
            Solution = Path.GetFullPath(solutionPath),
            Result = Path.Combine(Path.GetTempPath(), $"mlkatas-{slug}-{Guid.NewGuid():N}.json"),
            Timing = options.Timing,
            Seed = options.Seed,
            Cases = options.ExtraCaseDirs.Select(Path.GetFullPath).ToList(),
            CacheCases = options.CacheCases,
        };
        Process process;
        lock (_gate)
        {
            process = _process!;
            _stderr = new StringBuilder();
            _stdout = new StringBuilder();
            _currentCase = null;
            _done = null;
        }
        var clock = Stopwatch.StartNew();
        try
        {
            process.StandardInput.WriteLine(request.ToJsonLine());
            process.StandardInput.Flush();
        }
        catch (IOException)
        {
            // The worker died between gradings; the wait below reports it.
        }
        while (true)
        {
            TimeSpan left = wallLimit - clock.Elapsed;
            // Short waits: a dead worker's closed pipe can be seen before the runtime has reaped the process, so its
            // exit is polled rather than awaited once.
            if (left > TimeSpan.Zero)
            {
                _signal.WaitOne(left < PollInterval ? left : PollInterval);
            }
            string? done, currentCase, stderr, stdout;
            lock (_gate)
            {
                done = _done;
                currentCase = _currentCase;
                stderr = _stderr.ToString();
                stdout = _stdout.ToString();
            }
            if (done == request.Id)
            {
                try
                {
                    return new IsolatedResult(KataResult.FromJson(File.ReadAllText(request.Result)), stdout);
                }
                finally
                {
                    File.Delete(request.Result);
                }
            }
            if (done is not null && done.StartsWith("error ", StringComparison.Ordinal))
            {
                // The worker refused the request (bad case file, unknown kata): the caller's error, not the solution's.
                throw new InvalidOperationException(done["error ".Length..]);
            }
            string solution = new RepoLayout(_root).RelativePath(solutionPath);
            if (process.HasExited)
            {
                process.WaitForExit();
                return new IsolatedResult(IsolatedGrading.Died(slug, solution, clock.Elapsed, process.ExitCode, stderr, currentCase), stdout);
            }
            if (clock.Elapsed >= wallLimit)
            {
                IsolatedGrading.Kill(process);
                return new IsolatedResult(IsolatedGrading.Killed(slug, solution, clock.Elapsed, wallLimit, currentCase), stdout);
            }
            if (IsolatedGrading.ResidentBytes(process) is var resident && resident > memoryLimit)
            {
                IsolatedGrading.Kill(process);
                return new IsolatedResult(IsolatedGrading.OverMemory(slug, solution, clock.Elapsed, resident, memoryLimit, currentCase), stdout);
            }
        }
    }

    /// <summary>Kills the worker now, whatever it is doing (one that was never used), and disposes this.</summary>
    /// <param name="wait">Whether to wait until the process has exited.</param>
    public void Kill(bool wait = true)
    {
        lock (_gate)
        {
            if (_process is { } p)
            {
                IsolatedGrading.Kill(p, wait);
                p.Dispose();
                _process = null;
            }
        }
        Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_process is { } p)
            {
                try
                {
                    if (!p.HasExited)
                    {
                        p.StandardInput.Close(); // the worker exits at the end of its input
                        if (!p.WaitForExit(2000))
                        {
                            IsolatedGrading.Kill(p);
                        }
                    }
                }
                catch (IOException)
                {
                    IsolatedGrading.Kill(p);
                }
                p.Dispose();
                _process = null;
            }
        }
        _signal.Dispose();
    }
}
