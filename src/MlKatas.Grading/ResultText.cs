using System.Globalization;
using System.Text;
using MlKatas.Grading.Timing;

namespace MlKatas.Grading;

/// <summary>Renders a <see cref="KataResult"/> as plain text: the assertion message of <c>dotnet test</c>.</summary>
public static class ResultText
{
    /// <summary>The full report: verdict, why, each failing case, timing and complexity.</summary>
    public static string Render(KataResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ic = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ic, $"{result.Verdict}: {result.Summary}").AppendLine();
        sb.Append(ic, $"  solution: {result.Solution}").AppendLine();
        foreach (var e in result.CompileErrors)
        {
            sb.Append("  ").Append(e).AppendLine();
        }
        foreach (var f in result.ForbiddenApis)
        {
            sb.Append("  ").Append(f).AppendLine();
        }
        int passed = result.Cases.Count(c => c.Verdict == Verdict.Passed);
        if (result.Cases.Count > 0)
        {
            sb.Append(ic, $"  cases: {passed} of {result.Cases.Count} passed").AppendLine();
        }
        foreach (var c in result.Cases.Where(c => c.Verdict != Verdict.Passed).Take(8))
        {
            sb.Append(ic, $"  ✗ {c.Name}{(c.Hidden ? " (hidden)" : "")}{(c.Entry is null ? "" : " [" + c.Entry + "]")}: {c.Verdict}")
              .Append(c.Note is null ? "" : " — " + c.Note).AppendLine();
            sb.Append(ic, $"      inputs: {c.Inputs}").AppendLine();
            if (c.Message is not null)
            {
                sb.Append(ic, $"      {c.Message}").AppendLine();
            }
            foreach (var o in c.Outputs.Where(o => !o.Passed))
            {
                sb.Append(ic, $"      {o.Describe()}").AppendLine();
            }
        }
        int more = result.Cases.Count(c => c.Verdict != Verdict.Passed) - 8;
        if (more > 0)
        {
            sb.Append(ic, $"  … and {more} more failing cases").AppendLine();
        }
        if (result.Timing is { } t)
        {
            sb.Append(ic, $"  speed: {t.Ratio:0.00}× the reference (spread {t.RatioMin:0.00}–{t.RatioMax:0.00} over {t.Samples} pairs; {t.SolutionMs:0.###} ms vs {t.ReferenceMs:0.###} ms; budget {t.Budget:0.#}×{(t.Attempts > 1 ? $", measured {t.Attempts} times" : "")}{(t.StoppedEarly ? ", judged on the warm-up calls, each far over budget" : "")})").AppendLine();
        }
        if (result.Complexity is { } x)
        {
            sb.Append(ic, $"  growth: time ∝ {x.Parameter}^{x.Slope:0.00} (reference {x.ReferenceSlope:0.00}; limit {x.MaxSlope:0.0#}; expected {x.Expected})").AppendLine();
            sb.Append("      ").AppendJoin(", ", x.Timings.Select(s => string.Create(ic, $"{x.Parameter}={s.Size}: {s.Milliseconds:0.0} ms"))).AppendLine();
        }
        if (result.Memory is { } m)
        {
            sb.Append(ic, $"  memory: one call raised peak memory by {MemoryReport.Megabytes(m.GrowthBytes)} (reference {MemoryReport.Megabytes(m.ReferenceGrowthBytes)}; limit {MemoryReport.Megabytes(m.MaxGrowthBytes)}; {m.CaseDescription}; expected {m.Expected})").AppendLine();
        }
        if (result.Seed is { } seed)
        {
            sb.Append(ic, $"  random cases seed: {seed}").AppendLine();
        }
        return sb.ToString();
    }
}
