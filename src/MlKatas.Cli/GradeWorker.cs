using System.Globalization;
using MlKatas.Graders;
using MlKatas.Grading;

namespace MlKatas.Cli;

/// <summary>
/// <c>mlkatas grade-worker &lt;slug&gt; --solution FILE --result FILE [--no-timing] [--seed N] [--cases DIR]…</c>:
/// grades one kata in this process and writes the <see cref="KataResult"/> JSON to the result file. Started by
/// <see cref="IsolatedGrading"/>; not meant for people (the result goes to a file so that whatever a solution prints
/// cannot corrupt it).
/// </summary>
public static class GradeWorker
{
    /// <summary>The verb that selects the worker.</summary>
    public const string Verb = IsolatedGrading.WorkerVerb;

    /// <summary>Whether <paramref name="args"/> ask for the worker.</summary>
    public static bool IsWorkerInvocation(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <summary>Runs the worker; exit code 0 when a result was written, 2 on bad arguments or unusable case files.</summary>
    public static int Run(string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length == 0)
        {
            error.WriteLine($"usage: mlkatas {Verb} <slug> --solution FILE --result FILE [--no-timing] [--seed N] [--cases DIR]...");
            return 2;
        }
        string slug = args[0];
        string? solution = null, resultPath = null;
        var options = new GradeOptions();
        var caseDirs = new List<string>();
        for (int i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--solution": solution = Value(); break;
                    case "--result": resultPath = Value(); break;
                    case "--no-timing": options = options with { Timing = false }; break;
                    case "--seed": options = options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                    case "--cases": caseDirs.Add(Value()); break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
            {
                error.WriteLine($"mlkatas {Verb}: {ex.Message}");
                return 2;
            }
        }
        var grader = KataCatalog.Find(slug);
        if (grader is null || resultPath is null)
        {
            error.WriteLine(grader is null ? $"mlkatas {Verb}: no kata named '{slug}'" : $"mlkatas {Verb}: --result is required");
            return 2;
        }
        try
        {
            var result = grader.Grade(solution ?? grader.SolutionPath, options with
            {
                ExtraCaseDirs = caseDirs,
                OnCaseStart = name => { error.WriteLine(IsolatedGrading.CaseMarker + name); error.Flush(); },
            });
            string tmp = resultPath + ".tmp";
            File.WriteAllText(tmp, result.ToJson());
            File.Move(tmp, resultPath, overwrite: true);
            return 0;
        }
        catch (CaseFileException ex)
        {
            error.WriteLine(ex.Message);
            return 2;
        }
    }
}
