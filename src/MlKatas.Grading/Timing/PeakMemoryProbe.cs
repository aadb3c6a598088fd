using System.Globalization;

namespace MlKatas.Grading.Timing;

/// <summary>How much one call grew the process's peak resident memory, against the kata's limit.</summary>
public sealed record MemoryReport
{
    /// <summary>Growth of the peak resident memory over one call of the solution, in bytes (the least of the attempts).</summary>
    public required long GrowthBytes { get; init; }
    /// <summary>The same for the reference, measured in the same grading.</summary>
    public required long ReferenceGrowthBytes { get; init; }
    /// <summary>The largest growth that passes.</summary>
    public required long MaxGrowthBytes { get; init; }
    /// <summary>What the kata expects, in words (e.g. "O(T·block) working memory: no T×T score matrix").</summary>
    public required string Expected { get; init; }
    /// <summary>The case measured, in words (e.g. "T = 4096, D = 64, float64: a T×T matrix is 128 MB").</summary>
    public required string CaseDescription { get; init; }
    /// <summary>How many times the solution was measured (a growth over the limit is measured again before failing).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Whether the growth is within the limit.</summary>
    public bool WithinLimit => GrowthBytes <= MaxGrowthBytes;

    /// <summary>A size in MB with one decimal, for messages.</summary>
    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");
}

/// <summary>
/// Measures how far one call raises the process's peak resident set (Linux: <c>/proc/self/clear_refs</c> resets the
/// high-water mark <c>VmHWM</c> to the current resident size; the mark after the call minus the one before is the
/// call's peak growth). Native (libtorch) allocations count, and so do freed ones: a T×T score matrix that lives for a
/// moment still raises the mark. glibc maps and unmaps allocations above its mmap threshold, which never exceeds 32 MB on
/// 64-bit (its documented DEFAULT_MMAP_THRESHOLD_MAX), so a freed block of that size is not silently reused by the next
/// call — a memory case should make the intermediate it forbids at least that big. Smaller tiles come from glibc's
/// arenas, so a correct tiled solution's growth varies between runs (flash attention's control: 7–36 MB). Other threads of the process allocate too, so the grader measures again before failing a solution.
/// </summary>
public static class PeakMemoryProbe
{
    private const string ClearRefs = "/proc/self/clear_refs";
    private const string Status = "/proc/self/status";

    /// <summary>Whether this platform can measure (Linux with a writable <c>/proc/self/clear_refs</c>).</summary>
    public static bool Available { get; } = Probe();

    /// <summary>The growth of the peak resident memory over <paramref name="call"/>, or null where it cannot be measured.</summary>
    public static long? Measure(Action call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!Available)
        {
            return null;
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        if (!Reset())
        {
            return null;
        }
        long before = ReadKilobytes("VmHWM:") ?? 0;
        call();
        long after = ReadKilobytes("VmHWM:") ?? before;
        return Math.Max(0, after - before) * 1024;
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        return Reset() && ReadKilobytes("VmHWM:") is not null;
    }

    private static bool Reset()
    {
        try
        {
            File.WriteAllText(ClearRefs, "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    private static long? ReadKilobytes(string field)
    {
        try
        {
            foreach (var line in File.ReadLines(Status))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var parts = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return null;
    }
}
