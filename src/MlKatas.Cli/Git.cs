using System.Diagnostics;

namespace MlKatas.Cli;

/// <summary>The few git questions <c>check --changed</c> asks.</summary>
internal static class Git
{
    /// <summary>
    /// Files changed relative to <paramref name="baseRef"/>: committed since the merge base with it (when given), plus
    /// uncommitted and untracked changes. Paths are relative to the repository root.
    /// </summary>
    public static IReadOnlyList<string> ChangedFiles(string root, string? baseRef)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        if (baseRef is not null)
        {
            foreach (var f in Run(root, "diff", "--name-only", baseRef + "...HEAD"))
            {
                files.Add(f);
            }
        }
        foreach (var f in Run(root, "diff", "--name-only", "HEAD"))
        {
            files.Add(f);
        }
        foreach (var f in Run(root, "ls-files", "--others", "--exclude-standard"))
        {
            files.Add(f);
        }
        return files.ToList();
    }

    private static string[] Run(string root, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new UserErrorException("could not start git");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new UserErrorException("--changed needs git on the PATH: " + ex.Message, ex);
        }
        using (process)
        {
            var errTask = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new UserErrorException($"git {string.Join(' ', args)} failed: {errTask.Result.Trim()} " +
                    "(is this a git checkout, and does the --base ref exist? In CI fetch it first, e.g. git fetch origin main).");
            }
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
    }
}
