using MlKatas.Cli.Rendering;
using MlKatas.Grading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlKatas.Cli.Commands;

/// <summary>
/// <c>check</c>: grades katas, each in its own process with a hard wall-clock limit, and renders the results.
/// Exit code 0 only when every kata checked passed (stubs not attempted yet are skipped under --all/--changed and
/// by default, but fail when named), 1 when one did not, 2 on a usage error.
/// </summary>
public sealed class CheckCommand(CliServices services) : Command<CheckSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, CheckSettings settings, CancellationToken cancellationToken)
    {
        var console = services.Console;
        var katas = Select(settings);
        if (settings.Solution is not null && !File.Exists(settings.Solution))
        {
            throw new UserErrorException($"--solution {settings.Solution}: the file does not exist.");
        }
        foreach (var dir in settings.Cases)
        {
            if (!Directory.Exists(dir))
            {
                throw new UserErrorException($"--cases {dir}: the folder does not exist.");
            }
        }
        if (katas.Count == 0)
        {
            console.MarkupLine(settings.Changed ? "no kata changed; nothing to check." : "no kata selected; nothing to check.");
            return 0;
        }
        ProcessTrace.Mark("runner: check parsed");
        bool named = settings.Slugs.Length > 0;
        var isolated = services.Isolated();
        // The first grading uses the worker CliApp started before parsing (when it did); the others start their own.
        IsolatedResult Grade(string slug, string solution, GradeOptions options, KataGrader grader)
        {
            var worker = services.TakePrestartedWorker();
            // While the worker grades, this process has a core to spare: JIT-compile the result's JSON reading and
            // rendering then (~0.6 s that otherwise came after the verdict; docs/cli.md).
            return worker is not null
                ? isolated.GradePrestarted(worker, slug, solution, options, grader.Spec.GradingTimeLimit, grader.Spec.MemoryLimit,
                    whileGrading: settings.Json ? null : () => ResultView.WarmUp(rounds: 1))
                : isolated.Grade(slug, solution, options, grader.Spec.GradingTimeLimit, grader.Spec.MemoryLimit);
        }
        var results = new List<KataResult>();
        foreach (var kata in katas)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var grader = CliServices.Grader(kata.Slug);
            string solution = settings.Solution ?? (settings.Implementation == "reference"
                ? services.Layout.ReferencePath(kata.Slug)
                : services.Layout.SolutionPath(kata.Slug));
            var options = new GradeOptions { Timing = !settings.NoTiming, Seed = settings.Seed, ExtraCaseDirs = settings.Cases };
            IsolatedResult graded;
            string stub = services.Layout.StubPath(kata.Slug);
            if (solution == services.Layout.SolutionPath(kata.Slug) && File.Exists(solution) && File.Exists(stub)
                && File.ReadAllText(solution) == File.ReadAllText(stub))
            {
                // Byte for byte the pristine stub (proved NotAttempted by the graders' self-check): no grading process.
                // Measured: 7.9 s to learn this from k-means' stub in a worker; `check k-means` now takes 1.3 s.
                var untouched = new KataResult
                {
                    Kata = kata.Slug,
                    Solution = services.Layout.RelativePath(solution),
                    Verdict = Verdict.NotAttempted,
                    Summary = "",
                };
                graded = new IsolatedResult(untouched with { Summary = KataGrader.Summarise(untouched) }, "");
            }
            else
            {
                try
                {
                    graded = settings.Json || !console.Profile.Capabilities.Interactive
                        ? Grade(kata.Slug, solution, options, grader)
                        : console.Status().Start($"grading {kata.Slug}…", _ => Grade(kata.Slug, solution, options, grader));
                }
                catch (InvalidOperationException ex)
                {
                    throw new UserErrorException(ex.Message, ex); // the worker refused a case file or an argument
                }
            }
            services.Store.Record(graded.Result, learnersFile: settings.Solution is null && settings.Implementation == "learner");
            ProcessTrace.Mark("runner: recorded in the history");
            results.Add(graded.Result);
            if (!settings.Json)
            {
                ResultView.Write(console, graded.Result, graded.Output);
                ProcessTrace.Mark("runner: result shown");
                console.WriteLine();
            }
        }
        services.Store.Update(p => p with { LastCheck = results.Select(r => r.Kata).ToList() });

        if (settings.Json)
        {
            string json = results.Count == 1 && named
                ? results[0].ToJson()
                : "[\n" + string.Join(",\n", results.Select(r => r.ToJson())) + "\n]";
            console.Profile.Out.Writer.WriteLine(json);
        }
        else if (results.Count > 1)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("kata").AddColumn("verdict").AddColumn("summary");
            foreach (var r in results)
            {
                table.AddRow(new Text(r.Kata), new Markup(ResultView.Markup(r.Verdict)), new Text(r.Summary));
            }
            console.Write(table);
        }
        bool ok = results.All(r => r.Passed || (!named && r.Verdict == Verdict.NotAttempted));
        if (!settings.Json)
        {
            int skipped = named ? 0 : results.Count(r => r.Verdict == Verdict.NotAttempted);
            int graded = results.Count - skipped;
            string skippedNote = skipped > 0 ? $" ({skipped} not attempted yet, skipped)" : "";
            console.MarkupLine(!ok
                ? $"[red]{results.Count(r => !r.Passed && (named || r.Verdict != Verdict.NotAttempted))} of {graded} katas did not pass[/]{skippedNote}"
                : graded == 0
                    ? $"no kata attempted yet{skippedNote} — begin with [bold]mlkatas start {Markup.Escape(results[0].Kata)}[/]"
                    : $"[green]all {graded} checked katas passed[/]{skippedNote}");
        }
        return ok ? 0 : 1;
    }

    private List<KataInfo> Select(CheckSettings settings)
    {
        var catalog = services.Catalog;
        List<KataInfo> katas;
        if (settings.Slugs.Length > 0)
        {
            katas = settings.Slugs.Select(catalog.Get).DistinctBy(k => k.Slug).ToList();
        }
        else if (settings.Changed)
        {
            var changed = Git.ChangedFiles(services.Layout.Root, settings.Base);
            katas = catalog.Katas.Where(k => changed.Any(f =>
                f.StartsWith($"katas/{k.Slug}/", StringComparison.Ordinal) || f.StartsWith($"graders/{k.Slug}/", StringComparison.Ordinal))).ToList();
        }
        else
        {
            katas = catalog.Katas.ToList();
        }
        if (settings.Shard is not null && CheckSettings.ParseShard(settings.Shard) is var (i, n))
        {
            katas = katas.Where((_, index) => index % n == i - 1).ToList();
        }
        return katas;
    }
}

