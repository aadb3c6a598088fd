using MlKatas.Cli.State;
using MlKatas.Graders;
using MlKatas.Grading;
using Spectre.Console;

namespace MlKatas.Cli;

/// <summary>
/// Everything a command needs from the outside world, injected so that tests run the commands against a fixture
/// catalogue, a temporary history and a recording console.
/// </summary>
public sealed class CliServices
{
    /// <summary>The console.</summary>
    public required IAnsiConsole Console { get; init; }
    /// <summary>The checkout.</summary>
    public required RepoLayout Layout { get; init; }
    /// <summary>The learner's history.</summary>
    public required ProgressStore Store { get; init; }
    /// <summary>The clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>Path of the grading worker (<c>mlkatas.dll</c>).</summary>
    public string WorkerDll { get; init; } = IsolatedGrading.WorkerBeside();
    /// <summary>Whether keys can be read from the console (false when input is redirected, and in tests).</summary>
    public bool Interactive { get; init; } = !System.Console.IsInputRedirected;

    /// <summary>The catalogue (read on first use).</summary>
    public Catalog Catalog => _catalog ??= Catalog.Load(Layout);
    private Catalog? _catalog;

    /// <summary>The grader of <paramref name="slug"/>, or an error saying the graders are out of date.</summary>
    public static KataGrader Grader(string slug) => KataCatalog.Find(slug) ?? throw new UserErrorException(
        $"kata '{slug}' has no grader in this build of mlkatas; rebuild (dotnet build) so graders/ and katas/ agree.");

    /// <summary>A one-shot isolated grading (one process per kata).</summary>
    public IsolatedGrading Isolated() => new(WorkerDll, Layout.Root);

    /// <summary>A warm worker for repeated gradings (watch, practice).</summary>
    public WarmGradingWorker Warm() => new(WorkerDll, Layout.Root);

    /// <summary>
    /// Starts a one-shot grading process now, for a command that is about to grade (<c>check</c>): its start-up then
    /// overlaps the command's own (argument parsing, catalogue, compiling the solution). Measured in docs/cli.md.
    /// </summary>
    public void PrestartWorker()
    {
        lock (_prestartGate)
        {
            _prestarted ??= Isolated().Prestart();
        }
    }

    /// <summary>The worker <see cref="PrestartWorker"/> started, now the caller's to use and dispose; null when none.</summary>
    public WarmGradingWorker? TakePrestartedWorker()
    {
        lock (_prestartGate)
        {
            var worker = _prestarted;
            _prestarted = null;
            return worker;
        }
    }

    /// <summary>Kills a prestarted worker nobody used (the command failed before grading, or graded nothing).</summary>
    public void StopPrestartedWorker() => TakePrestartedWorker()?.Kill();

    private readonly Lock _prestartGate = new();
    private WarmGradingWorker? _prestarted;

    /// <summary>Shows a warning from loading the history, once.</summary>
    public State.Progress LoadProgress()
    {
        var progress = Store.Load();
        if (Store.Warning is { } w)
        {
            Console.MarkupLineInterpolated($"[yellow]warning:[/] {w}");
        }
        return progress;
    }
}
