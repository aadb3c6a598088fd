using System.Globalization;
using MlKatas.Cli.Rendering;
using MlKatas.Cli.State;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlKatas.Cli.Commands;

/// <summary><c>list</c>: every kata with its status, and a progress summary.</summary>
public sealed class ListCommand(CliServices services) : Command<FilterSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, FilterSettings settings, CancellationToken cancellationToken)
    {
        var katas = services.Catalog.Filter(settings.Topic, settings.Difficulty);
        var progress = services.LoadProgress();
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("kata").AddColumn("topic").AddColumn("difficulty").AddColumn("status")
            .AddColumn(new TableColumn("best time").RightAligned()).AddColumn(new TableColumn("speed").RightAligned());
        foreach (var k in katas)
        {
            var p = progress.For(k.Slug);
            table.AddRow(
                new Markup($"[bold]{Markup.Escape(k.Slug)}[/]\n[grey]{Markup.Escape(k.Title)}[/]"),
                new Text(k.Topic), new Text(k.Difficulty),
                new Markup(StatusMarkup(p.Status)),
                new Text(p.BestSeconds is { } s ? Clock(s) : "—"),
                new Text(p.Gradings.LastOrDefault(g => g.SpeedRatio is not null)?.SpeedRatio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—"));
        }
        services.Console.Write(table);
        Summary(services.Console, katas.Select(k => progress.For(k.Slug)).ToList());
        return 0;
    }

    internal static void Summary(IAnsiConsole console, IReadOnlyList<KataProgress> katas)
    {
        int passed = katas.Count(k => k.Status == "passed");
        int failing = katas.Count(k => k.Status == "failing");
        int started = katas.Count(k => k.Status == "started");
        console.Write(new BreakdownChart().Width(60)
            .AddItem("passed", passed, Color.Green)
            .AddItem("failing", failing, Color.Red)
            .AddItem("started", started, Color.Yellow)
            .AddItem("not started", katas.Count - passed - failing - started, Color.Grey));
    }

    internal static string StatusMarkup(string status) => status switch
    {
        "passed" => "[green]passed[/]",
        "failing" => "[red]failing[/]",
        "started" => "[yellow]started[/]",
        _ => "[grey]not started[/]",
    };

    internal static string Clock(double seconds) =>
        TimeSpan.FromSeconds(Math.Round(seconds)).ToString(seconds >= 3600 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
}

/// <summary><c>show</c>: the statement.</summary>
public sealed class ShowCommand(CliServices services) : Command<SlugSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, SlugSettings settings, CancellationToken cancellationToken)
    {
        Show(services, services.Catalog.Get(settings.Slug));
        return 0;
    }

    internal static void Show(CliServices services, KataInfo kata)
    {
        var c = services.Console;
        c.Write(new Rule($"[bold]{Markup.Escape(kata.Title)}[/]").LeftJustified());
        c.MarkupLine($"[grey]{Markup.Escape(kata.Slug)} · {Markup.Escape(kata.Topic)} · {Markup.Escape(kata.Difficulty)} · about {kata.Minutes} minutes[/]");
        StatementView.Write(c, File.ReadAllText(services.Layout.StatementPath(kata.Slug)));
        c.WriteLine();
        c.MarkupLine($"edit [bold]{Markup.Escape(Rel(services, services.Layout.SolutionPath(kata.Slug)))}[/], then [bold]mlkatas check {kata.Slug}[/] (or [bold]mlkatas watch {kata.Slug}[/] to regrade on every save)");
    }

    internal static string Rel(CliServices services, string path) => services.Layout.RelativePath(path);
}

/// <summary><c>start</c>: show the statement and record the start.</summary>
public sealed class StartCommand(CliServices services) : Command<SlugSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, SlugSettings settings, CancellationToken cancellationToken)
    {
        var kata = services.Catalog.Get(settings.Slug);
        ShowCommand.Show(services, kata);
        var now = services.Clock.GetUtcNow();
        services.Store.Update(p => p.With(kata.Slug, k => k with { StartedAt = k.StartedAt ?? now }));
        services.Console.MarkupLine($"[green]started {Markup.Escape(kata.Slug)}[/] — stuck? [bold]mlkatas hint {kata.Slug}[/]");
        return 0;
    }
}

/// <summary><c>hint</c>: the next hint level.</summary>
public sealed class HintCommand(CliServices services) : Command<SlugSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, SlugSettings settings, CancellationToken cancellationToken)
    {
        var kata = services.Catalog.Get(settings.Slug);
        if (kata.Hints.Count == 0)
        {
            services.Console.MarkupLine($"{Markup.Escape(kata.Slug)} has no hints.");
            return 0;
        }
        int shown = services.LoadProgress().For(kata.Slug).HintsShown;
        int level = Math.Min(shown + 1, kata.Hints.Count);
        for (int i = 1; i <= level; i++)
        {
            services.Console.Write(new Panel(new Markup(StatementView.Inline(kata.Hints[i - 1])))
                .Header($"hint {i} of {kata.Hints.Count}").Border(i == level ? BoxBorder.Rounded : BoxBorder.None));
        }
        services.Store.Update(p => p.With(kata.Slug, k => k with { HintsShown = Math.Max(k.HintsShown, level) }));
        services.Console.MarkupLine(level < kata.Hints.Count
            ? $"[grey]run [bold]mlkatas hint {kata.Slug}[/] again for the next hint ({kata.Hints.Count - level} left).[/]"
            : "[grey]that was the last hint.[/]");
        return 0;
    }
}

/// <summary><c>reset</c>: restore the stub, keeping the learner's file as a timestamped backup.</summary>
public sealed class ResetCommand(CliServices services) : Command<SlugSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, SlugSettings settings, CancellationToken cancellationToken)
    {
        var kata = services.Catalog.Get(settings.Slug);
        var (changed, backup) = Reset(services, kata.Slug);
        services.Console.MarkupLine(!changed
            ? $"{Markup.Escape(kata.Slug)} is already the stub; nothing to do."
            : backup is null
                ? $"[green]restored the stub[/] of {Markup.Escape(kata.Slug)} (there was no solution file)."
                : $"[green]restored the stub[/] of {Markup.Escape(kata.Slug)}; your code is in [bold]{Markup.Escape(ShowCommand.Rel(services, backup))}[/]");
        return 0;
    }

    /// <summary>Backs up the learner's file (if it differs from the stub) and restores the stub; returns whether anything changed and the backup.</summary>
    internal static (bool Changed, string? Backup) Reset(CliServices services, string slug)
    {
        string solution = services.Layout.SolutionPath(slug);
        string stubPath = services.Layout.StubPath(slug);
        if (!File.Exists(stubPath))
        {
            throw new UserErrorException($"the stub of {slug} ({stubPath}) is missing; restore it with git (git checkout -- graders/{slug}/Stub.cs).");
        }
        string stub = File.ReadAllText(stubPath);
        string? backup = null;
        if (File.Exists(solution))
        {
            if (File.ReadAllText(solution) == stub)
            {
                return (false, null);
            }
            string dir = Path.Combine(services.Layout.KataDir(slug), ".backups");
            Directory.CreateDirectory(dir);
            string stamp = services.Clock.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            backup = Path.Combine(dir, $"Solution-{stamp}.cs");
            for (int n = 2; File.Exists(backup); n++)
            {
                backup = Path.Combine(dir, $"Solution-{stamp}-{n}.cs");
            }
            File.Copy(solution, backup);
        }
        string tmp = solution + ".mlkatas-tmp";
        File.WriteAllText(tmp, stub);
        File.Move(tmp, solution, overwrite: true);
        return (true, backup);
    }
}
