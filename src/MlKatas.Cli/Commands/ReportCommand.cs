using System.ComponentModel;
using MlKatas.Cli.Reports;
using MlKatas.Grading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlKatas.Cli.Commands;

/// <summary>Options of <c>report</c>.</summary>
public sealed class ReportSettings : CommandSettings
{
    /// <summary>markdown, junit or json.</summary>
    [CommandOption("--format <FORMAT>")]
    [Description("markdown (default; suits a GitHub job summary), junit or json.")]
    public string Format { get; init; } = "markdown";

    /// <summary>Output file.</summary>
    [CommandOption("--output <FILE>")]
    [Description("Write to FILE instead of the terminal.")]
    public string? Output { get; init; }

    /// <summary>All katas' last results, not just the last check's.</summary>
    [CommandOption("--all")]
    [Description("Report the last result of every kata ever checked, not only those of the last `check`.")]
    public bool All { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() => Format is "markdown" or "junit" or "json"
        ? ValidationResult.Success()
        : ValidationResult.Error($"--format must be markdown, junit or json, not '{Format}'.");
}

/// <summary><c>report</c>: the last grading of the last check's katas (or all) as markdown, JUnit or JSON.</summary>
public sealed class ReportCommand(CliServices services) : Command<ReportSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        var progress = services.LoadProgress();
        IEnumerable<string> slugs = settings.All ? services.Catalog.Katas.Select(k => k.Slug) : progress.LastCheck;
        var results = slugs.Select(services.Store.LastResult).OfType<KataResult>().ToList();
        if (results.Count == 0)
        {
            throw new UserErrorException("nothing to report: run `mlkatas check` first (the report shows the last grading of each kata).");
        }
        string digest = ReportWriter.GradingDigest(services.Layout.Root);
        string text = settings.Format switch
        {
            "junit" => ReportWriter.JUnit(results, digest),
            "json" => ReportWriter.Json(results, digest),
            _ => ReportWriter.Markdown(results, digest),
        };
        if (settings.Output is null)
        {
            services.Console.Profile.Out.Writer.Write(text);
        }
        else
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(settings.Output));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }
            File.WriteAllText(settings.Output, text);
            services.Console.MarkupLineInterpolated($"wrote the {settings.Format} report of {results.Count} katas to {settings.Output}");
        }
        return 0; // the report was written; `check` is what fails a build

    }
}
