using System.ComponentModel;
using System.Globalization;
using MlKatas.Cli.Reports;
using MlKatas.Cli.State;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlKatas.Cli.Commands;

/// <summary>Options of <c>progress</c>.</summary>
public sealed class ProgressSettings : CommandSettings
{
    /// <summary>Write an HTML page.</summary>
    [CommandOption("--html <FILE>")]
    [Description("Also write one self-contained HTML page with charts (time to pass per kata, topic coverage, what is due).")]
    public string? Html { get; init; }
}

/// <summary><c>progress</c> (and a bare <c>mlkatas</c>): history, per-topic mastery and what to do next.</summary>
public sealed class ProgressCommand(CliServices services) : Command<ProgressSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, ProgressSettings settings, CancellationToken cancellationToken)
    {
        var console = services.Console;
        var katas = services.Catalog.Katas;
        var progress = services.LoadProgress();
        var now = services.Clock.GetUtcNow();
        console.Write(new Rule("[bold]MlKatas[/]").LeftJustified());
        ListCommand.Summary(console, katas.Select(k => progress.For(k.Slug)).ToList());

        var topics = new Table().Border(TableBorder.Rounded).Title("mastery by topic")
            .AddColumn("topic").AddColumn(new TableColumn("passed").RightAligned()).AddColumn(new TableColumn("in progress").RightAligned())
            .AddColumn(new TableColumn("katas").RightAligned());
        foreach (var g in katas.GroupBy(k => k.Topic).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            topics.AddRow(g.Key,
                g.Count(k => progress.For(k.Slug).Status == "passed").ToString(CultureInfo.InvariantCulture),
                g.Count(k => progress.For(k.Slug).Status is "failing" or "started").ToString(CultureInfo.InvariantCulture),
                g.Count().ToString(CultureInfo.InvariantCulture));
        }
        console.Write(topics);

        var recent = katas.SelectMany(k => progress.For(k.Slug).Attempts.Select(a => (k.Slug, a)))
            .OrderByDescending(x => x.a.StartedAt).Take(8).ToList();
        if (recent.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("recent practice")
                .AddColumn("date").AddColumn("kata").AddColumn("outcome").AddColumn(new TableColumn("time").RightAligned());
            foreach (var (slug, a) in recent)
            {
                table.AddRow(a.StartedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), slug, a.Outcome.ToString(), ListCommand.Clock(a.Seconds));
            }
            console.Write(table);
        }

        var queue = Scheduler.Queue(katas, progress, now);
        if (queue.Count > 0)
        {
            var next = queue[0];
            string why = next.Reason switch
            {
                DueReason.Failing => "it is failing",
                DueReason.Rusty => "it is due for review",
                DueReason.Unseen => "you have not tried it yet",
                _ => "nothing is due; it comes up soonest",
            };
            string verb = next.Reason == DueReason.Unseen ? "start" : "practice";
            console.MarkupLine($"next: [bold]mlkatas {verb} {Markup.Escape(next.Kata.Slug)}[/] — {why}. ([grey]mlkatas list[/] shows every kata, [grey]mlkatas --help[/] every command.)");
        }
        if (settings.Html is not null)
        {
            File.WriteAllText(settings.Html, HtmlProgress.Render(katas, progress, now));
            console.MarkupLineInterpolated($"wrote {settings.Html}");
        }
        return 0;
    }
}
