using System.ComponentModel;
using System.Globalization;
using MlKatas.Cli.Dev;
using MlKatas.Grading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlKatas.Cli.Commands;

/// <summary>The kata arguments every <c>dev</c> command takes.</summary>
public abstract class DevKataSettings : CommandSettings
{
    /// <summary>Katas to include (default: all).</summary>
    [CommandArgument(0, "[slugs]")]
    [Description("Katas to include (default: every kata).")]
    public string[] Slugs { get; init; } = [];

    /// <summary>The graders of <see cref="Slugs"/>, or of every kata; an unknown slug is the user's error (exit 2).</summary>
    public IReadOnlyList<Grading.KataGrader> Graders(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Slugs.Length == 0
            ? MlKatas.Graders.KataCatalog.All.ToList()
            : Slugs.Select(s => CliServices.Grader(services.Catalog.Get(s).Slug)).ToList();
    }
}

/// <summary>Options of <c>dev check</c>.</summary>
public sealed class DevCheckSettings : DevKataSettings
{
    /// <summary>Require katas/&lt;slug&gt;/Solution.cs to be the pristine stub.</summary>
    [CommandOption("--ci")]
    [Description("Require every katas/<slug>/Solution.cs to equal its stub, as a fresh clone must (default when CI is set).")]
    public bool Ci { get; init; }

    /// <summary>Skip grading (static checks only).</summary>
    [CommandOption("--static")]
    [Description("Only the checks that need no grading: metadata, statement, cases, mutant set, stray files.")]
    public bool StaticOnly { get; init; }
}

/// <summary>
/// <c>dev check</c>: the graders' self-check for kata authors and CI (like rustlings' <c>dev check</c>) — metadata,
/// statement, golden cases, stub NotAttempted, reference Passed with timing, every mutant rejected with its expected
/// verdict, no stray files; then a kata × mutant → verdict table. Exit code 0 only when everything holds.
/// </summary>
public sealed class DevCheckCommand(CliServices services) : Command<DevCheckSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DevCheckSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var console = services.Console;
        var dev = new DevCheck(services.Layout);
        var graders = settings.Graders(services);
        bool requirePristine = settings.Ci || Environment.GetEnvironmentVariable("CI") is not null;

        var findings = new List<DevFinding>(settings.Slugs.Length == 0 ? dev.CatalogueChecks() : []);
        var mutants = new List<MutantOutcome>();
        foreach (var grader in graders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string slug = grader.Spec.Slug;
            findings.AddRange(dev.StaticChecks(grader, requirePristine));
            if (settings.StaticOnly)
            {
                continue;
            }
            findings.Add(Busy(console, $"{slug}: grading the stub…", () => DevCheck.StubIsNotAttempted(grader).Finding));
            findings.Add(Busy(console, $"{slug}: grading the reference against itself…", () => DevCheck.ReferencePasses(grader).Finding));
            foreach (var file in dev.MutantFiles(slug))
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    mutants.Add(Busy(console, $"{slug}: grading mutant {Path.GetFileNameWithoutExtension(file)}…", () => DevCheck.GradeMutant(grader, file)));
                }
                catch (FormatException ex)
                {
                    findings.Add(new DevFinding(slug, "mutant " + Path.GetFileNameWithoutExtension(file), false, ex.Message));
                }
            }
        }

        var checks = new Table().Border(TableBorder.Rounded).Title("[bold]kata checks[/]")
            .AddColumn("kata").AddColumn("check").AddColumn("").AddColumn("detail");
        foreach (var f in findings)
        {
            checks.AddRow(new Text(f.Kata), new Text(f.Check), new Markup(f.Ok ? "[green]✓[/]" : "[red]✗[/]"), new Text(f.Detail));
        }
        console.Write(checks);
        if (mutants.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("[bold]mutants: kata × mutant → verdict[/]")
                .AddColumn("kata").AddColumn("mutant").AddColumn("expected").AddColumn("got").AddColumn(new TableColumn("s").RightAligned()).AddColumn("");
            foreach (var m in mutants)
            {
                table.AddRow(new Text(m.Kata), new Text(m.Mutant), new Text(m.Expected.ToString()),
                    new Markup(m.Ok ? m.Got.ToString() : $"[red]{m.Got}[/]"),
                    new Text(m.Result.Seconds.ToString("0.0", CultureInfo.InvariantCulture)),
                    new Markup(m.Ok ? "[green]✓[/]" : "[red]✗[/]"));
            }
            console.Write(table);
            foreach (var m in mutants.Where(m => !m.Ok))
            {
                console.MarkupLineInterpolated($"[red]{m.Kata}/{m.Mutant}[/]: expected {m.Expected}, got {m.Got}");
                console.WriteLine(m.Report);
            }
        }
        int failed = findings.Count(f => !f.Ok) + mutants.Count(m => !m.Ok);
        console.MarkupLine(failed == 0
            ? $"[green]dev check passed:[/] {graders.Count} katas, {findings.Count} checks, {mutants.Count} mutants"
            : $"[red]dev check failed:[/] {failed} of {findings.Count + mutants.Count} checks and mutants");
        return failed == 0 ? 0 : 1;
    }

    private static T Busy<T>(IAnsiConsole console, string what, Func<T> work) =>
        console.Profile.Capabilities.Interactive ? console.Status().Start(what, _ => work()) : work();
}
