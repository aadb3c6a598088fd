using System.ComponentModel;
using System.Globalization;
using MlKatas.Cli.Rendering;
using MlKatas.Cli.State;
using MlKatas.Grading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlKatas.Cli.Commands;

/// <summary>Options of <c>practice</c>.</summary>
public sealed class PracticeSettings : FilterSettings
{
    /// <summary>The kata (default: chosen by spaced repetition).</summary>
    [CommandArgument(0, "[slug]")]
    [Description("The kata (default: the most due by spaced repetition — failing and rusty katas first, unseen next).")]
    public string? Slug { get; init; }

    /// <summary>Countdown length.</summary>
    [CommandOption("--minutes <N>")]
    [Description("Length of the countdown (default: the kata's interview-realistic time).")]
    public int? Minutes { get; init; }

    /// <summary>Keep the current solution instead of starting from the stub.</summary>
    [CommandOption("--keep")]
    [Description("Continue from your current Solution.cs instead of starting from the stub (it is backed up either way).")]
    public bool Keep { get; init; }

    /// <summary>No timing.</summary>
    [CommandOption("--no-timing")]
    [Description("Finish on correctness alone (skip the speed check).")]
    public bool NoTiming { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() => Minutes is null or (>= 1 and <= 600)
        ? ValidationResult.Success()
        : ValidationResult.Error("--minutes must be between 1 and 600.");
}

/// <summary>
/// <c>practice</c>: a timed mock interview. Picks a kata, starts from the stub (the learner's code is backed up), shows
/// the statement, counts down, regrades on every save, and ends on a pass, on q/Ctrl-C (give up) or when time is up;
/// the attempt is recorded and compared with the previous ones.
/// </summary>
public sealed class PracticeCommand(CliServices services) : Command<PracticeSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, PracticeSettings settings, CancellationToken cancellationToken)
    {
        var console = services.Console;
        var progress = services.LoadProgress();
        KataInfo kata;
        if (settings.Slug is not null)
        {
            kata = services.Catalog.Get(settings.Slug);
        }
        else
        {
            var candidates = services.Catalog.Filter(settings.Topic, settings.Difficulty);
            var due = Scheduler.Queue(candidates, progress, services.Clock.GetUtcNow());
            if (due.Count == 0)
            {
                throw new UserErrorException("no kata matches those filters.");
            }
            kata = due[0].Kata;
            console.MarkupLine($"[grey]chosen by spaced repetition: {Markup.Escape(kata.Slug)} ({Describe(due[0])})[/]");
        }
        var grader = CliServices.Grader(kata.Slug);
        int minutes = settings.Minutes ?? kata.Minutes;
        string file = services.Layout.SolutionPath(kata.Slug);

        if (!settings.Keep)
        {
            var (changed, backup) = ResetCommand.Reset(services, kata.Slug);
            if (changed && backup is not null)
            {
                console.MarkupLine($"[grey]starting from the stub; your previous code is in {Markup.Escape(ShowCommand.Rel(services, backup))}[/]");
            }
        }
        ShowCommand.Show(services, kata);
        console.MarkupLine($"[bold]{minutes} minutes.[/] Save to grade. [bold]h[/] hint · [bold]q[/] give up · Ctrl-C stops");

        using var worker = services.Warm();
        using var watcher = new SolutionWatcher(file);
        worker.Start(kata.Slug);
        ResultView.WarmUp();
        var started = services.Clock.GetUtcNow();
        var end = started.AddMinutes(minutes);
        var verdicts = new List<Verdict>();
        int hints = 0;
        AttemptOutcome outcome = AttemptOutcome.TimedOut;
        DateTimeOffset finished = end;
        DateTimeOffset nextTick = started;
        try
        {
            while (true)
            {
                var now = services.Clock.GetUtcNow();
                if (now >= end)
                {
                    outcome = AttemptOutcome.TimedOut;
                    finished = end;
                    break;
                }
                if (now >= nextTick)
                {
                    console.MarkupLine($"[blue]⏱ {ListCommand.Clock((end - now).TotalSeconds)} left[/]");
                    nextTick = now + Tick(end - now);
                }
                if (services.Interactive && console.Input.IsKeyAvailable())
                {
                    var key = console.Input.ReadKey(intercept: true);
                    if (key?.KeyChar is 'q' or 'Q')
                    {
                        outcome = AttemptOutcome.GaveUp;
                        finished = services.Clock.GetUtcNow();
                        break;
                    }
                    if (key?.KeyChar is 'h' or 'H' && hints < kata.Hints.Count)
                    {
                        hints++;
                        console.Write(new Panel(new Markup(StatementView.Inline(kata.Hints[hints - 1]))).Header($"hint {hints} of {kata.Hints.Count}"));
                    }
                }
                bool saved = watcher.WaitForChangeAsync(TimeSpan.FromMilliseconds(200), cancellationToken).GetAwaiter().GetResult();
                if (!saved)
                {
                    continue;
                }
                var result = WatchCommand.GradeAndShow(services, worker, grader, kata, file, File.GetLastWriteTimeUtc(file), !settings.NoTiming);
                verdicts.Add(result.Verdict);
                if (result.Passed)
                {
                    outcome = AttemptOutcome.Passed;
                    finished = services.Clock.GetUtcNow();
                    break;
                }
                console.MarkupLine($"[blue]⏱ {ListCommand.Clock((end - services.Clock.GetUtcNow()).TotalSeconds)} left[/]");
            }
        }
        catch (OperationCanceledException)
        {
            outcome = AttemptOutcome.GaveUp;
            finished = services.Clock.GetUtcNow();
        }

        var attempt = new PracticeAttempt
        {
            StartedAt = started,
            Minutes = minutes,
            Outcome = outcome,
            Seconds = Math.Round((finished - started).TotalSeconds, 1),
            Hints = hints,
            Verdicts = verdicts,
        };
        var after = services.Store.Update(p => p.With(kata.Slug, k => k with
        {
            StartedAt = k.StartedAt ?? started,
            HintsShown = Math.Max(k.HintsShown, hints),
            Attempts = k.Attempts.Append(attempt).ToList(),
        }));
        Summarise(console, kata, attempt, after.For(kata.Slug).Attempts);
        return outcome == AttemptOutcome.Passed ? 0 : 1;
    }

    private static TimeSpan Tick(TimeSpan left) =>
        left > TimeSpan.FromMinutes(5) ? TimeSpan.FromMinutes(5) : left > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(15);

    private static string Describe(DueKata due) => due.Reason switch
    {
        DueReason.Failing => "it failed last time",
        DueReason.Rusty => "passed before, due for review",
        DueReason.Unseen => "not tried yet",
        _ => "nothing is due; this one comes up soonest",
    };

    private static void Summarise(IAnsiConsole console, KataInfo kata, PracticeAttempt attempt, IReadOnlyList<PracticeAttempt> all)
    {
        string how = attempt.Outcome switch
        {
            AttemptOutcome.Passed => $"[green]passed in {ListCommand.Clock(attempt.Seconds)}[/]",
            AttemptOutcome.TimedOut => "[red]time is up[/]",
            _ => "[yellow]stopped[/]",
        };
        console.MarkupLine($"{Markup.Escape(kata.Slug)}: {how} — {attempt.Verdicts.Count} gradings, {attempt.Hints} hints");
        if (all.Count > 1)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("your attempts at " + Markup.Escape(kata.Slug))
                .AddColumn("#").AddColumn("date").AddColumn("outcome").AddColumn(new TableColumn("time").RightAligned())
                .AddColumn(new TableColumn("gradings").RightAligned()).AddColumn(new TableColumn("hints").RightAligned());
            for (int i = 0; i < all.Count; i++)
            {
                var a = all[i];
                table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), a.StartedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    a.Outcome.ToString(), ListCommand.Clock(a.Seconds), a.Verdicts.Count.ToString(CultureInfo.InvariantCulture), a.Hints.ToString(CultureInfo.InvariantCulture));
            }
            console.Write(table);
            var best = all.Take(all.Count - 1).Where(a => a.Outcome == AttemptOutcome.Passed).Select(a => (double?)a.Seconds).Min();
            if (attempt.Outcome == AttemptOutcome.Passed && best is { } b)
            {
                console.MarkupLine(attempt.Seconds < b
                    ? $"[green]a new best[/] — {ListCommand.Clock(b - attempt.Seconds)} faster than your previous best ({ListCommand.Clock(b)})"
                    : $"your best is still {ListCommand.Clock(b)} ({ListCommand.Clock(attempt.Seconds - b)} faster than this one)");
            }
        }
    }
}
