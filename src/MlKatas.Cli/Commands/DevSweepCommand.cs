using System.ComponentModel;
using System.Globalization;
using MlKatas.Cli.Dev;
using MlKatas.Grading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlKatas.Cli.Commands;

/// <summary>Options of <c>dev sweep</c>.</summary>
public sealed class DevSweepSettings : DevKataSettings
{
    /// <summary>How many seeds.</summary>
    [CommandOption("--seeds <N>")]
    [Description("How many seeds to grade at (default 20).")]
    public int Seeds { get; init; } = 20;

    /// <summary>The first seed (default: a random one, printed).</summary>
    [CommandOption("--first-seed <S>")]
    [Description("The first seed; the sweep grades seeds S, S+1, … (default: a random S, printed so the sweep can be replayed).")]
    public int? FirstSeed { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() => Seeds is >= 1 and <= 100_000
        ? FirstSeed is null or >= 0 && (long)(FirstSeed ?? 0) + Seeds <= int.MaxValue
            ? ValidationResult.Success()
            : ValidationResult.Error("--first-seed must be a whole number ≥ 0 with --first-seed + --seeds ≤ 2147483647.")
        : ValidationResult.Error("--seeds must be between 1 and 100000.");
}

/// <summary>
/// <c>dev sweep</c>: grades every kata's reference and mutants without timing at many seeds, and lists every grading
/// whose verdict differs from the one its file expects (controls and speed mutants: Passed), each with the
/// <c>check</c> command that replays it. For finding random cases that are not well posed before CI does — the
/// self-checks draw one seed per run (<see cref="DevCheck.Sweep"/>). Exit code 0 only when every grading held.
/// </summary>
public sealed class DevSweepCommand(CliServices services) : Command<DevSweepSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DevSweepSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var console = services.Console;
        var dev = new DevCheck(services.Layout);
        var graders = settings.Graders(services);
        int first = settings.FirstSeed ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue - settings.Seeds);
        var seeds = Enumerable.Range(first, settings.Seeds).ToList();
        console.MarkupLineInterpolated($"sweeping {graders.Count} katas at seeds {first}…{first + settings.Seeds - 1} (replay: --first-seed {first} --seeds {settings.Seeds}), no timing");
        var mismatches = new List<MutantOutcome>();
        int gradings = 0;
        foreach (var grader in graders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var files = dev.SweepFiles(grader);
            var started = DateTime.UtcNow;
            var found = DevCheck.Sweep(grader, files, seeds, _ => cancellationToken.ThrowIfCancellationRequested());
            gradings += files.Count * seeds.Count;
            mismatches.AddRange(found);
            string line = string.Create(CultureInfo.InvariantCulture,
                $"{grader.Spec.Slug}: {files.Count} files × {seeds.Count} seeds, {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
            console.MarkupLine(found.Count == 0
                ? $"[green]✓[/] {Markup.Escape(line)}"
                : $"[red]✗[/] {Markup.Escape(line)}: {found.Count} gradings got another verdict");
        }
        foreach (var m in mismatches)
        {
            string file = RepoLayout.Relative(Path.Combine(dev.MutantDir(m.Kata), m.Mutant + ".cs"));
            if (m.Mutant == "Reference")
            {
                file = RepoLayout.Relative(services.Layout.ReferencePath(m.Kata));
            }
            console.MarkupLineInterpolated($"[red]{m.Kata}/{m.Mutant}[/] at seed {m.Result.Seed}: expected {m.Expected}, got {m.Got} — replay: mlkatas check {m.Kata} --solution {file} --seed {m.Result.Seed} --no-timing");
            console.WriteLine(m.Report);
        }
        console.MarkupLine(mismatches.Count == 0
            ? $"[green]dev sweep passed:[/] {gradings} gradings, every verdict as expected"
            : $"[red]dev sweep failed:[/] {mismatches.Count} of {gradings} gradings got another verdict");
        return mismatches.Count == 0 ? 0 : 1;
    }
}
