using System.Diagnostics;
using System.Globalization;

namespace MlKatas.Grading;

/// <summary>
/// With <c>MLKATAS_TRACE=1</c>, prints milestones of a process's life to standard error, timed from the process's start
/// — the runner's and its grading worker's on one time line (the worker's lines are passed through by the runner).
/// How docs/cli.md's account of a cold <c>check</c> was measured.
/// </summary>
public static class ProcessTrace
{
    /// <summary>The prefix of every trace line.</summary>
    public const string Prefix = "mlkatas-trace ";

    /// <summary>Whether tracing is on.</summary>
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("MLKATAS_TRACE") == "1";

    private static readonly DateTime Started = Enabled ? Process.GetCurrentProcess().StartTime : default;

    /// <summary>Prints "<c>mlkatas-trace [pid] wall-clock-time +ms since start  what</c>" when tracing is on.</summary>
    public static void Mark(string what)
    {
        if (!Enabled)
        {
            return;
        }
        var now = DateTime.Now;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}[{Environment.ProcessId}] {now:HH:mm:ss.fff} +{(now - Started).TotalMilliseconds,6:0} ms  {what}"));
    }
}
