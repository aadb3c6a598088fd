using System.Globalization;
using System.Net;
using System.Text;
using MlKatas.Cli.State;

namespace MlKatas.Cli.Reports;

/// <summary>
/// One self-contained HTML page of the learner's progress (no scripts, no external files; charts are inline SVG):
/// time-to-pass per kata over attempts, topic coverage, and what is due for review.
/// </summary>
public static class HtmlProgress
{
    private static readonly CultureInfo Ic = CultureInfo.InvariantCulture;

    /// <summary>Renders the page.</summary>
    public static string Render(IReadOnlyList<KataInfo> katas, Progress progress, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(katas);
        ArgumentNullException.ThrowIfNull(progress);
        var sb = new StringBuilder();
        sb.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>MlKatas progress</title>
            <style>
            body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:960px;color:#1d2330;padding:0 1rem}
            h1{margin-bottom:.2rem} .sub{color:#667} h2{margin-top:2rem;border-bottom:1px solid #dde;padding-bottom:.2rem}
            table{border-collapse:collapse;width:100%} td,th{padding:.3rem .5rem;border-bottom:1px solid #eef;text-align:left}
            .passed{color:#138a36}.failing{color:#c0262d}.started{color:#b7791f}.none{color:#889}
            .charts{display:flex;flex-wrap:wrap;gap:1rem} .chart{border:1px solid #e4e6ef;border-radius:6px;padding:.5rem}
            svg text{font:11px system-ui,sans-serif;fill:#445}
            </style></head><body>
            """).AppendLine();
        int passed = katas.Count(k => progress.For(k.Slug).Status == "passed");
        sb.Append(Ic, $"<h1>MlKatas progress</h1><p class=\"sub\">{passed} of {katas.Count} katas passed · generated {E(now.ToString("yyyy-MM-dd HH:mm", Ic))}</p>").AppendLine();

        sb.AppendLine("<h2>Due for review</h2>");
        var queue = Scheduler.Queue(katas, progress, now);
        sb.AppendLine("<table><tr><th>kata</th><th>why</th><th>due</th></tr>");
        foreach (var d in queue.Where(d => d.Reason != DueReason.Fresh).Take(10))
        {
            sb.Append(Ic, $"<tr><td>{E(d.Kata.Slug)}</td><td>{E(d.Reason.ToString().ToLowerInvariant())}</td><td>{(d.DueAt is { } at ? E(at.ToString("yyyy-MM-dd", Ic)) : "now")}</td></tr>").AppendLine();
        }
        sb.AppendLine("</table>");

        sb.AppendLine("<h2>Topic coverage</h2>");
        sb.Append(TopicChart(katas, progress)).AppendLine();

        sb.AppendLine("<h2>Time to pass, per kata, over attempts</h2><div class=\"charts\">");
        bool any = false;
        foreach (var k in katas)
        {
            var attempts = progress.For(k.Slug).Attempts;
            if (attempts.Count == 0)
            {
                continue;
            }
            any = true;
            sb.Append("<div class=\"chart\">").Append(AttemptChart(k, attempts)).AppendLine("</div>");
        }
        sb.AppendLine(any ? "</div>" : "<p class=\"none\">No practice attempts yet: run <code>mlkatas practice</code>.</p></div>");

        sb.AppendLine("<h2>All katas</h2><table><tr><th>kata</th><th>topic</th><th>difficulty</th><th>status</th><th>best time</th><th>attempts</th></tr>");
        foreach (var k in katas)
        {
            var p = progress.For(k.Slug);
            string cls = p.Status switch { "passed" => "passed", "failing" => "failing", "started" => "started", _ => "none" };
            sb.Append(Ic, $"<tr><td>{E(k.Title)} <span class=\"sub\">({E(k.Slug)})</span></td><td>{E(k.Topic)}</td><td>{E(k.Difficulty)}</td><td class=\"{cls}\">{E(p.Status)}</td><td>{(p.BestSeconds is { } b ? Commands.ListCommand.Clock(b) : "—")}</td><td>{p.Attempts.Count}</td></tr>").AppendLine();
        }
        sb.AppendLine("</table></body></html>");
        return sb.ToString();
    }

    private static string TopicChart(IReadOnlyList<KataInfo> katas, Progress progress)
    {
        var topics = katas.GroupBy(k => k.Topic).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        int rowH = 26, labelW = 140, barW = 420;
        var sb = new StringBuilder();
        sb.Append(Ic, $"<svg role=\"img\" aria-label=\"topic coverage\" width=\"{labelW + barW + 80}\" height=\"{topics.Count * rowH + 10}\">");
        for (int i = 0; i < topics.Count; i++)
        {
            var g = topics[i];
            int total = g.Count();
            int pass = g.Count(k => progress.For(k.Slug).Status == "passed");
            int fail = g.Count(k => progress.For(k.Slug).Status is "failing" or "started");
            int y = i * rowH + 5;
            double wp = barW * pass / (double)total, wf = barW * fail / (double)total;
            sb.Append(Ic, $"<text x=\"0\" y=\"{y + 15}\">{E(g.Key)}</text>");
            sb.Append(Ic, $"<rect x=\"{labelW}\" y=\"{y}\" width=\"{barW}\" height=\"18\" fill=\"#eceef5\"/>");
            sb.Append(Ic, $"<rect x=\"{labelW}\" y=\"{y}\" width=\"{wp:0.#}\" height=\"18\" fill=\"#2f9e57\"><title>{pass} passed</title></rect>");
            sb.Append(Ic, $"<rect x=\"{labelW + wp:0.#}\" y=\"{y}\" width=\"{wf:0.#}\" height=\"18\" fill=\"#e3a33b\"><title>{fail} in progress</title></rect>");
            sb.Append(Ic, $"<text x=\"{labelW + barW + 8}\" y=\"{y + 15}\">{pass}/{total}</text>");
        }
        return sb.Append("</svg>").ToString();
    }

    private static string AttemptChart(KataInfo kata, IReadOnlyList<PracticeAttempt> attempts)
    {
        int w = 280, h = 150, left = 36, bottom = 22, top = 22;
        double maxMin = Math.Max(1, attempts.Max(a => a.Seconds) / 60.0);
        var sb = new StringBuilder();
        sb.Append(Ic, $"<svg role=\"img\" aria-label=\"attempts at {E(kata.Slug)}\" width=\"{w}\" height=\"{h}\">");
        sb.Append(Ic, $"<text x=\"{left}\" y=\"14\" font-weight=\"bold\">{E(kata.Slug)}</text>");
        sb.Append(Ic, $"<line x1=\"{left}\" y1=\"{h - bottom}\" x2=\"{w - 8}\" y2=\"{h - bottom}\" stroke=\"#aab\"/>");
        sb.Append(Ic, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{h - bottom}\" stroke=\"#aab\"/>");
        sb.Append(Ic, $"<text x=\"2\" y=\"{top + 8}\">{maxMin:0}m</text><text x=\"2\" y=\"{h - bottom}\">0</text>");
        double step = attempts.Count > 1 ? (w - left - 20) / (double)(attempts.Count - 1) : 0;
        var points = new List<string>();
        for (int i = 0; i < attempts.Count; i++)
        {
            var a = attempts[i];
            double x = left + 10 + i * step;
            double y = h - bottom - (h - bottom - top) * (a.Seconds / 60.0) / maxMin;
            string colour = a.Outcome == AttemptOutcome.Passed ? "#2f9e57" : a.Outcome == AttemptOutcome.TimedOut ? "#c0262d" : "#e3a33b";
            if (a.Outcome == AttemptOutcome.Passed)
            {
                points.Add(string.Create(Ic, $"{x:0.#},{y:0.#}"));
            }
            sb.Append(Ic, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"4\" fill=\"{colour}\"><title>attempt {i + 1}: {a.Outcome}, {Commands.ListCommand.Clock(a.Seconds)}, {a.Hints} hints</title></circle>");
            sb.Append(Ic, $"<text x=\"{x - 3:0.#}\" y=\"{h - 6}\">{i + 1}</text>");
        }
        if (points.Count > 1)
        {
            sb.Append(Ic, $"<polyline points=\"{string.Join(' ', points)}\" fill=\"none\" stroke=\"#2f9e57\" stroke-width=\"1.5\"/>");
        }
        return sb.Append("</svg>").ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
