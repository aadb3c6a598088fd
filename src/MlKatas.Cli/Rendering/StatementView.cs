using System.Text.RegularExpressions;
using Spectre.Console;

namespace MlKatas.Cli.Rendering;

/// <summary>
/// Renders a kata statement (GitHub-flavoured markdown) for a terminal: headings, emphasis, inline code, fenced code
/// blocks and tables stay readable; nothing is dropped.
/// </summary>
public static partial class StatementView
{
    /// <summary>Writes the markdown in <paramref name="markdown"/>.</summary>
    public static void Write(IAnsiConsole console, string markdown)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(markdown);
        bool inCode = false;
        foreach (var raw in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            string line = raw.TrimEnd();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }
            if (inCode)
            {
                console.MarkupLine("    [aqua]" + Markup.Escape(line) + "[/]");
                continue;
            }
            if (line.StartsWith('#'))
            {
                int level = line.TakeWhile(c => c == '#').Count();
                string text = Inline(line[level..].Trim());
                console.WriteLine();
                console.MarkupLine(level == 1 ? $"[bold underline]{text}[/]" : $"[bold]{text}[/]");
                continue;
            }
            console.MarkupLine(Inline(line));
        }
    }

    /// <summary>Inline markdown (code spans, bold, italics) to markup.</summary>
    internal static string Inline(string text)
    {
        var parts = CodeSpan().Split(text);
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1)
            {
                sb.Append("[aqua]").Append(Markup.Escape(parts[i])).Append("[/]");
                continue;
            }
            string s = Markup.Escape(parts[i]);
            s = Bold().Replace(s, "[bold]$1[/]");
            sb.Append(s);
        }
        return sb.ToString();
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex Bold();
}
