using System.ComponentModel;
using System.Globalization;
using MlKatas.Cli.Dev;
using MlKatas.Grading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlKatas.Cli.Commands;

/// <summary>Options of <c>dev calibrate</c>.</summary>
public sealed class DevCalibrateSettings : DevKataSettings
{
    /// <summary>Gradings per file.</summary>
    [CommandOption("--runs <N>")]
    [Description("Timed gradings of each file, each at a fresh seed (default 3).")]
    public int Runs { get; init; } = 3;

    /// <inheritdoc />
    public override ValidationResult Validate() => Runs is >= 1 and <= 100
        ? ValidationResult.Success()
        : ValidationResult.Error("--runs must be between 1 and 100.");
}

/// <summary>
/// <c>dev calibrate</c>: the numbers a kata author sets a speed budget or a complexity limit from. Grades each kata's
/// reference, controls (<c>Expect: Passed</c>) and speed mutants (TooSlow, WrongComplexity) with timing, N times at
/// fresh seeds, and prints per file the verdicts, the speed ratios against the reference (median of the gradings,
/// min–max), the budget and how far inside or outside it they fell, and the complexity slopes beside the reference's.
/// Exit code 1 when any grading got another verdict than its file expects.
/// </summary>
public sealed class DevCalibrateCommand(CliServices services) : Command<DevCalibrateSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DevCalibrateSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var console = services.Console;
        var dev = new DevCheck(services.Layout);
        var graders = settings.Graders(services);
        var rows = new List<CalibrationRow>();
        foreach (var grader in graders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows.AddRange(dev.Calibrate(grader, settings.Runs, file => cancellationToken.ThrowIfCancellationRequested()));
        }
        var ic = CultureInfo.InvariantCulture;
        console.MarkupLineInterpolated($"timed files, {settings.Runs} grading(s) each at fresh seeds; machine load now {Load()}");
        foreach (var kata in rows.GroupBy(r => r.Kata))
        {
            string budget = kata.Select(r => r.Budget).FirstOrDefault(b => b is not null) is { } b ? string.Create(ic, $"{b:0.#}×") : "?";
            var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(kata.Key)}[/] — speed budget {budget}")
                .AddColumn("file").AddColumn("expected").AddColumn("got")
                .AddColumn(new TableColumn("ratio (min–max)").RightAligned()).AddColumn("margin").AddColumn("slope (reference)");
            foreach (var r in kata)
            {
                var ratios = r.Ratios;
                string ratio = ratios.Count == 0 ? "—" : string.Create(ic, $"{TimingMedian(ratios):0.00}× ({ratios[0]:0.00}–{ratios[^1]:0.00})");
                // How far the closest grading stayed from the budget, on the side it must be on.
                string margin = ratios.Count == 0 || r.Budget is not { } limit ? ""
                    : r.Expected == Verdict.TooSlow ? string.Create(ic, $"{ratios[0] / limit:0.0}× over")
                    : r.Expected == Verdict.Passed ? string.Create(ic, $"{limit / ratios[^1]:0.0}× under")
                    : "";
                string slopes = r.Slopes.Count == 0 ? "" : string.Create(ic,
                    $"{Range(r.Slopes.Select(s => s.Slope))} ({Range(r.Slopes.Select(s => s.Reference))})");
                table.AddRow(new Text(r.File), new Text(r.Expected.ToString()),
                    new Markup(r.Ok ? Markup.Escape(r.Verdicts) : $"[red]{Markup.Escape(r.Verdicts)}[/]"),
                    new Text(ratio), new Text(margin), new Text(slopes));
            }
            console.Write(table);
        }
        int bad = rows.Count(r => !r.Ok);
        console.MarkupLine(bad == 0
            ? $"[green]dev calibrate:[/] {rows.Count} files, every grading got its expected verdict"
            : $"[red]dev calibrate:[/] {bad} of {rows.Count} files got another verdict in at least one grading");
        return bad == 0 ? 0 : 1;
    }

    private static string Range(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v[0].ToString("0.00", CultureInfo.InvariantCulture) + (v.Count > 1 ? "–" + v[^1].ToString("0.00", CultureInfo.InvariantCulture) : "");
    }

    private static double TimingMedian(IReadOnlyList<double> sorted) => Grading.Timing.TimingComparer.Median(sorted);

    private static string Load()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
