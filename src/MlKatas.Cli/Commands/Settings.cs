using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlKatas.Cli.Commands;

/// <summary>Commands that take one kata.</summary>
public class SlugSettings : CommandSettings
{
    /// <summary>The kata.</summary>
    [CommandArgument(0, "<slug>")]
    [Description("The kata (see `mlkatas list`).")]
    public string Slug { get; init; } = "";
}

/// <summary>Topic and difficulty filters.</summary>
public class FilterSettings : CommandSettings
{
    /// <summary>Only this topic.</summary>
    [CommandOption("--topic <TOPIC>")]
    [Description("Only katas of this topic.")]
    public string? Topic { get; init; }

    /// <summary>Only this difficulty.</summary>
    [CommandOption("--difficulty <LEVEL>")]
    [Description("Only katas of this difficulty (easy, medium, hard).")]
    public string? Difficulty { get; init; }
}

/// <summary>Options of <c>check</c>.</summary>
public sealed class CheckSettings : CommandSettings
{
    /// <summary>Katas to check.</summary>
    [CommandArgument(0, "[slugs]")]
    [Description("Katas to check (default: every kata; stubs not yet attempted are skipped).")]
    public string[] Slugs { get; init; } = [];

    /// <summary>Every kata.</summary>
    [CommandOption("--all")]
    [Description("Check every kata (katas not attempted yet are skipped, not failed).")]
    public bool All { get; init; }

    /// <summary>Katas whose files changed.</summary>
    [CommandOption("--changed")]
    [Description("Check the katas whose files changed (uncommitted and untracked; with --base, also committed since it).")]
    public bool Changed { get; init; }

    /// <summary>Base ref of --changed.</summary>
    [CommandOption("--base <REF>")]
    [Description("With --changed: the branch or commit to compare with (e.g. origin/main).")]
    public string? Base { get; init; }

    /// <summary>Grade another file.</summary>
    [CommandOption("--solution <FILE>")]
    [Description("Grade this .cs file (it must implement the kata's contract) instead of katas/<slug>/Solution.cs.")]
    public string? Solution { get; init; }

    /// <summary>learner or reference.</summary>
    [CommandOption("--impl <IMPL>")]
    [Description("learner (default) or reference: grade the hidden reference, which proves the grader.")]
    public string Implementation { get; init; } = "learner";

    /// <summary>Extra case folders.</summary>
    [CommandOption("--cases <DIR>")]
    [Description("Also grade against every .safetensors case file in DIR, as hidden cases (repeatable).")]
    public string[] Cases { get; init; } = [];

    /// <summary>Print JSON.</summary>
    [CommandOption("--json")]
    [Description("Print the KataResult JSON (an array when several katas are checked) instead of the report.")]
    public bool Json { get; init; }

    /// <summary>No timing.</summary>
    [CommandOption("--no-timing")]
    [Description("Check correctness only; skip the speed and growth checks.")]
    public bool NoTiming { get; init; }

    /// <summary>Seed of the random cases.</summary>
    [CommandOption("--seed <N>")]
    [Description("Seed of the random hidden cases (to replay a failure).")]
    public int? Seed { get; init; }

    /// <summary>i/n.</summary>
    [CommandOption("--shard <I/N>")]
    [Description("Check only the i-th of n equal shares of the selected katas (for a CI matrix), e.g. 2/4.")]
    public string? Shard { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        int modes = (Slugs.Length > 0 ? 1 : 0) + (All ? 1 : 0) + (Changed ? 1 : 0);
        if (modes > 1)
        {
            return ValidationResult.Error("name katas, or use --all, or --changed — not several of these.");
        }
        if (Base is not null && !Changed)
        {
            return ValidationResult.Error("--base only goes with --changed.");
        }
        if (Implementation is not "learner" and not "reference")
        {
            return ValidationResult.Error($"--impl must be 'learner' or 'reference', not '{Implementation}'.");
        }
        if (Solution is not null && (Slugs.Length != 1 || Implementation == "reference"))
        {
            return ValidationResult.Error("--solution grades one file: name exactly one kata, and do not combine it with --impl reference.");
        }
        if (Shard is not null && ParseShard(Shard) is null)
        {
            return ValidationResult.Error($"--shard must look like i/n with 1 ≤ i ≤ n (e.g. 2/4), not '{Shard}'.");
        }
        return ValidationResult.Success();
    }

    /// <summary>Parses i/n.</summary>
    public static (int Index, int Count)? ParseShard(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], out int i) && int.TryParse(parts[1], out int n) && n >= 1 && i >= 1 && i <= n
            ? (i, n)
            : null;
    }
}
