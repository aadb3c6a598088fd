using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using MlKatas.Grading;

namespace MlKatas.Cli.Reports;

/// <summary>Reports of gradings for CI: markdown (a GitHub job summary), JUnit XML, JSON.</summary>
public static class ReportWriter
{
    private static readonly CultureInfo Ic = CultureInfo.InvariantCulture;

    /// <summary>
    /// A digest of everything that decides a verdict besides the solution: graders/ (graders, references, stubs,
    /// golden cases), src/MlKatas.Grading and katas/GlobalUsings.cs. A reviewer compares it with the base branch's to see
    /// whether a pull request touched the grading.
    /// </summary>
    public static string GradingDigest(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var files = new List<string>();
        foreach (var dir in new[] { "graders", Path.Combine("src", "MlKatas.Grading") })
        {
            string full = Path.Combine(root, dir);
            if (Directory.Exists(full))
            {
                files.AddRange(Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                    .Where(f => !IsBuildOutput(Path.GetRelativePath(root, f))));
            }
        }
        string usings = Path.Combine(root, "katas", "GlobalUsings.cs");
        if (File.Exists(usings))
        {
            files.Add(usings);
        }
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in files.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(f + "\n"));
            sha.AppendData(File.ReadAllBytes(Path.Combine(root, f)));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    private static bool IsBuildOutput(string rel)
    {
        var parts = rel.Replace('\\', '/').Split('/');
        return parts.Any(p => p is "bin" or "obj" or "__pycache__" or "TestResults");
    }

    /// <summary>Markdown: a summary table and, per failing kata, why.</summary>
    public static string Markdown(IReadOnlyList<KataResult> results, string digest)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder();
        int passed = results.Count(r => r.Passed);
        int skipped = results.Count(r => r.Verdict == Verdict.NotAttempted);
        sb.Append(Ic, $"## MlKatas: {passed} passed, {results.Count - passed - skipped} failed, {skipped} not attempted").AppendLine().AppendLine();
        sb.AppendLine("| kata | verdict | cases | speed | growth | time |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            string icon = r.Passed ? "✅" : r.Verdict == Verdict.NotAttempted ? "⏭️" : "❌";
            string cases = r.Cases.Count == 0 ? "—" : $"{r.Cases.Count(c => c.Verdict == Verdict.Passed)}/{r.Cases.Count}";
            string speed = r.Timing is { } t ? string.Create(Ic, $"{t.Ratio:0.00}× (≤ {t.Budget:0.#}×)") : "—";
            string growth = string.Join("; ", new[]
            {
                r.Complexity is { } x ? string.Create(Ic, $"{x.Parameter}^{x.Slope:0.00} (≤ {x.MaxSlope:0.0#})") : null,
                r.Memory is { } m ? $"peak +{MlKatas.Grading.Timing.MemoryReport.Megabytes(m.GrowthBytes)} (≤ {MlKatas.Grading.Timing.MemoryReport.Megabytes(m.MaxGrowthBytes)})" : null,
            }.OfType<string>());
            growth = growth.Length == 0 ? "—" : growth;
            sb.Append(Ic, $"| `{r.Kata}` | {icon} {r.Verdict} | {cases} | {speed} | {growth} | {r.Seconds:0.0} s |").AppendLine();
        }
        foreach (var r in results.Where(r => !r.Passed && r.Verdict != Verdict.NotAttempted))
        {
            sb.AppendLine().Append(Ic, $"<details><summary><b>{r.Kata}</b>: {Html(r.Summary)}</summary>").AppendLine().AppendLine();
            sb.AppendLine("```text").Append(ResultText.Render(r)).AppendLine("```").AppendLine("</details>");
        }
        sb.AppendLine().Append(Ic, $"Grading digest (graders/, golden cases, grading library): `{digest}`").AppendLine();
        return sb.ToString();
    }

    /// <summary>JUnit XML: one test suite, one test case per kata; not attempted is skipped.</summary>
    public static string JUnit(IReadOnlyList<KataResult> results, string digest)
    {
        ArgumentNullException.ThrowIfNull(results);
        var suite = new XElement("testsuite",
            new XAttribute("name", "mlkatas"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => !r.Passed && r.Verdict != Verdict.NotAttempted)),
            new XAttribute("skipped", results.Count(r => r.Verdict == Verdict.NotAttempted)),
            new XAttribute("time", results.Sum(r => r.Seconds).ToString("0.###", Ic)),
            new XElement("properties", new XElement("property", new XAttribute("name", "grading-digest"), new XAttribute("value", digest))));
        foreach (var r in results)
        {
            var tc = new XElement("testcase",
                new XAttribute("classname", "mlkatas." + r.Kata),
                new XAttribute("name", r.Kata),
                new XAttribute("time", r.Seconds.ToString("0.###", Ic)));
            if (r.Verdict == Verdict.NotAttempted)
            {
                tc.Add(new XElement("skipped", new XAttribute("message", r.Summary)));
            }
            else if (!r.Passed)
            {
                tc.Add(new XElement("failure", new XAttribute("message", r.Summary), new XAttribute("type", r.Verdict.ToString()), ResultText.Render(r)));
            }
            suite.Add(tc);
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite)).ToString();
    }

    /// <summary>JSON: the results and the digest.</summary>
    public static string Json(IReadOnlyList<KataResult> results, string digest)
    {
        ArgumentNullException.ThrowIfNull(results);
        return "{\n  \"gradingDigest\": \"" + digest + "\",\n  \"results\": [\n" + string.Join(",\n", results.Select(r => r.ToJson())) + "\n  ]\n}\n";
    }

    private static string Html(string s) => System.Net.WebUtility.HtmlEncode(s);
}
