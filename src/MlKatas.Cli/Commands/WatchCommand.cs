using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using MlKatas.Cli.Rendering;
using MlKatas.Cli.State;
using MlKatas.Grading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlKatas.Cli.Commands;

/// <summary>Options of <c>watch</c>.</summary>
public sealed class WatchSettings : CommandSettings
{
    /// <summary>The kata (default: the one worked on last).</summary>
    [CommandArgument(0, "[slug]")]
    [Description("The kata to watch (default: the one you worked on last).")]
    public string? Slug { get; init; }

    /// <summary>No timing.</summary>
    [CommandOption("--no-timing")]
    [Description("Correctness only: skip the speed check after a correct save.")]
    public bool NoTiming { get; init; }

    /// <summary>Stop after this many gradings (scripts and tests).</summary>
    [CommandOption("--max-gradings <N>", IsHidden = true)]
    public int? MaxGradings { get; init; }
}

/// <summary>
/// <c>watch</c>: regrades on every save. Gradings run in a warm worker process (TorchSharp loaded, Roslyn and the
/// reference compiled once), so a verdict follows a save in a fraction of a second, and a solution that hangs or
/// crashes costs a restart of the worker, not the watch. After a correct save the speed check follows.
/// </summary>
public sealed class WatchCommand(CliServices services) : Command<WatchSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, WatchSettings settings, CancellationToken cancellationToken)
    {
        var console = services.Console;
        var kata = settings.Slug is null ? LastWorkedOn(services) : services.Catalog.Get(settings.Slug);
        string file = services.Layout.SolutionPath(kata.Slug);
        var grader = CliServices.Grader(kata.Slug);
        using var worker = services.Warm();
        using var watcher = new SolutionWatcher(file);
        worker.Start(kata.Slug);
        ResultView.WarmUp();
        console.MarkupLine($"watching [bold]{Markup.Escape(ShowCommand.Rel(services, file))}[/] — save to regrade; Ctrl-C to stop{(watcher.UsesNotifications ? "" : " (polling)")}");
        int gradings = 0;
        DateTime? saved = null; // the first grading follows no save
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = GradeAndShow(services, worker, grader, kata, file, saved, !settings.NoTiming);
                gradings++;
                if (settings.MaxGradings is { } max && gradings >= max)
                {
                    return result.Passed ? 0 : 1;
                }
                while (!watcher.WaitForChangeAsync(TimeSpan.FromHours(1), cancellationToken).GetAwaiter().GetResult())
                {
                }
                saved = File.Exists(file) ? File.GetLastWriteTimeUtc(file) : DateTime.UtcNow;
            }
        }
        catch (OperationCanceledException)
        {
        }
        console.MarkupLine("[grey]stopped watching.[/]");
        return 0;
    }

    /// <summary>
    /// The seed of this session's hidden random cases: drawn once per watch or practice session, so the warm worker
    /// keeps the cases and their expected values between saves (<see cref="GradeOptions.CacheCases"/>) instead of running
    /// the reference again on every save; the next session draws new ones.
    /// </summary>
    private static readonly int SessionSeed = System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);

    private static GradeOptions SessionOptions(bool timing) => new() { Timing = timing, Seed = SessionSeed, CacheCases = true };

    /// <summary>Grades once (correctness, then speed when correct), shows it and records it.</summary>
    internal static KataResult GradeAndShow(CliServices services, WarmGradingWorker worker, KataGrader grader, KataInfo kata,
        string file, DateTime? savedUtc, bool timing)
    {
        var console = services.Console;
        var clock = Stopwatch.StartNew();
        var graded = worker.Grade(kata.Slug, file, SessionOptions(timing: false), grader.Spec.GradingTimeLimit, grader.Spec.MemoryLimit);
        if (console.Profile.Capabilities.Interactive)
        {
            console.Clear();
        }
        console.Write(new Rule($"[grey]{Markup.Escape(kata.Slug)} · {services.Clock.GetLocalNow():HH:mm:ss}[/]").LeftJustified());
        ResultView.Write(console, graded.Result, graded.Output);
        if (savedUtc is { } at)
        {
            double sinceSave = Math.Max(0, (DateTime.UtcNow - at).TotalSeconds);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[grey]verdict {sinceSave:0.00} s after the save (grading {clock.Elapsed.TotalSeconds:0.00} s)[/]"));
        }
        var result = graded.Result;
        if (result.Passed && timing)
        {
            var timed = console.Profile.Capabilities.Interactive
                ? console.Status().Start("correct — measuring speed against the reference…", _ => worker.Grade(kata.Slug, file, SessionOptions(timing: true), grader.Spec.GradingTimeLimit, grader.Spec.MemoryLimit))
                : worker.Grade(kata.Slug, file, SessionOptions(timing: true), grader.Spec.GradingTimeLimit, grader.Spec.MemoryLimit);
            result = timed.Result;
            if (result.Passed)
            {
                ResultView.Write(console, result with { Cases = [] });
            }
            else
            {
                ResultView.Write(console, result, timed.Output);
            }
        }
        if (result.Verdict != Verdict.NotAttempted)
        {
            services.Store.Record(result, learnersFile: true);
        }
        return result;
    }

    /// <summary>The kata worked on most recently (started, graded or practised), else the first in the practice queue.</summary>
    internal static KataInfo LastWorkedOn(CliServices services)
    {
        var progress = services.LoadProgress();
        var last = services.Catalog.Katas
            .Select(k => (Kata: k, At: new[]
            {
                progress.For(k.Slug).StartedAt,
                progress.For(k.Slug).Gradings is { Count: > 0 } g ? g[^1].At : null,
                progress.For(k.Slug).Attempts is { Count: > 0 } a ? a[^1].StartedAt : null,
            }.Max()))
            .Where(x => x.At is not null)
            .OrderByDescending(x => x.At)
            .Select(x => x.Kata)
            .FirstOrDefault();
        return last ?? Scheduler.Queue(services.Catalog.Katas, progress, services.Clock.GetUtcNow())[0].Kata;
    }
}
