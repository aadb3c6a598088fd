using System.Globalization;
using MlKatas.Grading;
using MlKatas.Grading.Timing;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MlKatas.Cli.Rendering;

/// <summary>Renders a <see cref="KataResult"/> for a terminal: verdict, why, every case, speed and growth.</summary>
public static class ResultView
{
    private static readonly CultureInfo Ic = CultureInfo.InvariantCulture;

    /// <summary>The colour of a verdict.</summary>
    public static string Colour(Verdict v) => v switch
    {
        Verdict.Passed => "green",
        Verdict.NotAttempted => "grey",
        Verdict.TooSlow or Verdict.WrongComplexity => "yellow",
        _ => "red",
    };

    /// <summary>A verdict as coloured markup.</summary>
    public static string Markup(Verdict v) => $"[{Colour(v)}]{v}[/]";

    /// <summary>
    /// Renders a made-up failing result to nowhere, so that the first real report after a save does not pay for
    /// JIT-compiling the rendering (watch and practice call this while the worker warms up).
    /// </summary>
    public static void WarmUp(int rounds = 6)
    {
        var sink = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Ansi = AnsiSupport.Yes });
        var output = new TensorReport
        {
            Name = "out", Verdict = Verdict.WrongAnswer, ExpectedShape = [2, 2], ActualShape = [2, 2], ExpectedDtype = "Float64",
            ActualDtype = "Float64", Tolerance = new Tolerance(1e-9, 1e-9), Elements = 4, OutOfTolerance = 1, WorstIndex = [0, 0],
            MismatchMap = ["40", "00"],
        };
        var passed = output with { Verdict = Verdict.Passed, OutOfTolerance = 0, MismatchMap = null };
        // A grading's size (20 cases of 4 outputs) and a failing one and a passing one, each read back from JSON as the
        // worker's results are: the renderer and the JSON reader are JIT-compiled to their optimised tier before the
        // first save (measured: a learner's first wrong saves took ~0.6 s to show, later ones ~0.3 s).
        var cases = Enumerable.Range(0, 20).Select(i => new CaseReport
        {
            Name = $"case {i}", Verdict = i == 3 ? Verdict.WrongAnswer : Verdict.Passed, Note = "warm-up", Inputs = "x: Float64[2,2]",
            Outputs = i == 3 ? [output, passed, passed, passed] : [passed, passed, passed, passed],
        }).ToList();
        var failing = new KataResult
        {
            Kata = "warm-up", Solution = "Solution.cs", Verdict = Verdict.WrongAnswer, Summary = "warm-up", Cases = cases,
        };
        var ok = failing with { Verdict = Verdict.Passed, Cases = cases.Select(c => c with { Verdict = Verdict.Passed, Outputs = [passed] }).ToList() };
        for (int i = 0; i < rounds; i++)
        {
            sink.Write(Render(KataResult.FromJson(failing.ToJson()), "printed"));
            sink.Write(Render(KataResult.FromJson(ok.ToJson())));
            sink.Write(new Rule("warm-up"));
        }
    }

    /// <summary>Writes the report of <paramref name="result"/>.</summary>
    public static void Write(IAnsiConsole console, KataResult result, string? printed = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Write(Render(result, printed));
    }

    /// <summary>The report of <paramref name="result"/> as one renderable (for live displays).</summary>
    public static IRenderable Render(KataResult result, string? printed = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var console = new Collector();
        string icon = result.Passed ? "✓" : result.Verdict == Verdict.NotAttempted ? "·" : "✗";
        console.MarkupLine($"[{Colour(result.Verdict)} bold]{icon} {result.Kata}: {result.Verdict}[/] [grey]({Escape(result.Solution)}, {result.Seconds.ToString("0.0", Ic)} s)[/]");
        string why = WhyLine(result);
        if (why.Length > 0)
        {
            console.MarkupLine("  " + Escape(why));
        }
        foreach (var e in result.CompileErrors)
        {
            console.MarkupLine($"  [red]{Escape(e.ToString())}[/]");
        }
        foreach (var f in result.ForbiddenApis)
        {
            console.MarkupLine($"  [red]{Escape(f.ToString())}[/]");
        }
        if (result.Cases.Count > 0 && result.Verdict != Verdict.NotAttempted)
        {
            int ok = result.Cases.Count(c => c.Verdict == Verdict.Passed);
            console.MarkupLine($"  cases: [{(ok == result.Cases.Count ? "green" : "red")}]{ok} of {result.Cases.Count} passed[/] [grey]({result.Cases.Count(c => c.Hidden)} hidden)[/]");
            foreach (var c in result.Cases.Where(c => c.Verdict != Verdict.Passed).Take(6))
            {
                WriteFailure(console, c);
            }
            int more = result.Cases.Count(c => c.Verdict != Verdict.Passed) - 6;
            if (more > 0)
            {
                console.MarkupLine($"  [grey]… and {more} more failing cases (mlkatas check {result.Kata} --json shows them all)[/]");
            }
        }
        if (result.Timing is { } t)
        {
            string colour = t.WithinBudget ? "green" : "yellow";
            console.MarkupLine(string.Create(Ic,
                $"  speed: [{colour}]{t.Ratio:0.00}×[/] the reference (budget {t.Budget:0.#}×; spread {t.RatioMin:0.00}–{t.RatioMax:0.00} over {t.Samples} pairs; {t.SolutionMs:0.###} ms vs {t.ReferenceMs:0.###} ms{(t.Attempts > 1 ? $"; measured {t.Attempts} times" : "")}{(t.StoppedEarly ? "; judged on the warm-up calls, each far over budget" : "")})"));
        }
        if (result.Complexity is { } x)
        {
            string colour = x.WithinLimit ? "green" : "yellow";
            console.MarkupLine(string.Create(Ic,
                $"  growth: time ∝ {Escape(x.Parameter)}^[{colour}]{x.Slope:0.00}[/] (reference {x.ReferenceSlope:0.00}, limit {x.MaxSlope:0.0#}; expected {Escape(x.Expected)})"));
        }
        if (result.Memory is { } m)
        {
            string colour = m.WithinLimit ? "green" : "yellow";
            console.MarkupLine(string.Create(Ic,
                $"  memory: one call raised peak memory by [{colour}]{MemoryReport.Megabytes(m.GrowthBytes)}[/] (reference {MemoryReport.Megabytes(m.ReferenceGrowthBytes)}, limit {MemoryReport.Megabytes(m.MaxGrowthBytes)}; {Escape(m.CaseDescription)}; expected {Escape(m.Expected)})"));
        }
        if (!string.IsNullOrWhiteSpace(printed))
        {
            console.MarkupLine("  [grey]your solution printed:[/]");
            foreach (var line in printed.TrimEnd().Split('\n').Take(20))
            {
                console.MarkupLine("  [grey]│[/] " + Escape(line.TrimEnd('\r')));
            }
        }
        if (result.Seed is { } seed && !result.Passed && result.Verdict != Verdict.NotAttempted)
        {
            console.MarkupLine($"  [grey]random cases seed {seed} (rerun them with --seed {seed})[/]");
        }
        return new Rows(console.Items);
    }

    /// <summary>Collects what would be written, in order.</summary>
    private sealed class Collector
    {
        public List<IRenderable> Items { get; } = [];
        public void MarkupLine(string markup) => Items.Add(new Markup(markup));
        public void Write(IRenderable renderable) => Items.Add(renderable);
    }

    /// <summary>The summary sentence without the repeated "slug: Verdict" prefix.</summary>
    private static string WhyLine(KataResult result)
    {
        string prefix = $"{result.Kata}: {result.Verdict}";
        string s = result.Summary.StartsWith(prefix, StringComparison.Ordinal) ? result.Summary[prefix.Length..].TrimStart(':', ' ', '—', '-') : result.Summary;
        return s;
    }

    private static void WriteFailure(Collector console, CaseReport c)
    {
        console.MarkupLine($"[{Colour(c.Verdict)}]✗ {Escape(c.Name)}{(c.Hidden ? " (hidden)" : "")}{(c.Entry is null ? "" : " [[" + Escape(c.Entry) + "]]")}: {c.Verdict}[/]{(c.Note is null ? "" : " — " + Escape(c.Note))}");
        console.MarkupLine($"    [grey]inputs:[/] {Escape(c.Inputs)}");
        if (c.Message is not null)
        {
            console.MarkupLine("    " + Escape(c.Message));
        }
        foreach (var o in c.Outputs.Where(o => !o.Passed))
        {
            console.MarkupLine("    " + Escape(o.Describe()));
            if (o.MismatchMap is { Count: > 0 } map)
            {
                console.Write(new Padder(MismatchMap(o, map), new Padding(4, 0, 0, 0)));
            }
        }
    }

    /// <summary>The terminal map of where a 2-D (or higher) output is wrong.</summary>
    public static IRenderable MismatchMap(TensorReport report, IReadOnlyList<string> map)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(map);
        long cols = report.ExpectedShape.Length > 0 ? report.ExpectedShape[^1] : 1;
        long rows = report.Elements / Math.Max(cols, 1);
        var lines = new List<string>
        {
            $"[grey]where {Escape(report.Name)} is wrong ({rows} rows × {cols} columns{(report.ExpectedShape.Length > 2 ? ", leading dimensions flattened" : "")}; each cell covers ≈{Math.Max(1, rows / map.Count)}×{Math.Max(1, cols / map[0].Length)} elements):[/]",
        };
        foreach (var row in map)
        {
            lines.Add("[grey]│[/]" + string.Concat(row.Select(ch => ch switch
            {
                '0' => "[green]·[/]",
                '1' => "[yellow]░[/]",
                '2' => "[yellow]▒[/]",
                '3' => "[red]▓[/]",
                _ => "[red]█[/]",
            })) + "[grey]│[/]");
        }
        lines.Add("[grey]· all within tolerance  ░ ≤ ¼ wrong  ▒ ≤ ½  ▓ more  █ all[/]");
        return new Markup(string.Join('\n', lines));
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";

    /// <summary>Escapes markup.</summary>
    public static string Escape(string s) => Spectre.Console.Markup.Escape(s);
}
