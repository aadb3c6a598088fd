namespace MlKatas.Cli.State;

/// <summary>Why a kata is due for practice.</summary>
public enum DueReason
{
    /// <summary>The last attempt or grading failed.</summary>
    Failing,
    /// <summary>Passed, but longer ago than its review interval.</summary>
    Rusty,
    /// <summary>Never tried.</summary>
    Unseen,
    /// <summary>Passed recently: not due.</summary>
    Fresh,
}

/// <summary>A kata's place in the practice queue.</summary>
public sealed record DueKata(KataInfo Kata, DueReason Reason, DateTimeOffset? DueAt);

/// <summary>
/// Spaced repetition over the learner's history (Leitner-style): a kata passed for the k-th time in a row is due again
/// 2^(k−1) days after that pass (1, 2, 4, 8… days); failing katas come first (oldest failure first), then rusty ones
/// (most overdue first), then unseen ones in catalogue order, then fresh ones (soonest due first).
/// </summary>
public static class Scheduler
{
    /// <summary>The practice queue, most urgent first.</summary>
    public static IReadOnlyList<DueKata> Queue(IEnumerable<KataInfo> katas, Progress progress, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(katas);
        ArgumentNullException.ThrowIfNull(progress);
        var list = katas.Select((k, i) => (Due: Classify(k, progress.For(k.Slug), now), Index: i)).ToList();
        return list
            .OrderBy(x => x.Due.Reason)
            .ThenBy(x => x.Due.Reason == DueReason.Unseen ? x.Index : 0)
            .ThenBy(x => x.Due.DueAt ?? DateTimeOffset.MinValue)
            .Select(x => x.Due)
            .ToList();
    }

    /// <summary>Classifies one kata.</summary>
    public static DueKata Classify(KataInfo kata, KataProgress p, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(p);
        // Outcomes in time order: practice attempts and gradings of the learner's file.
        var events = p.Attempts.Select(a => (At: a.StartedAt.AddSeconds(a.Seconds), Passed: a.Outcome == AttemptOutcome.Passed))
            .Concat(p.Gradings.Where(g => g.Verdict != Grading.Verdict.NotAttempted).Select(g => (g.At, Passed: g.Verdict == Grading.Verdict.Passed)))
            .OrderBy(e => e.At)
            .ToList();
        if (events.Count == 0)
        {
            return new DueKata(kata, DueReason.Unseen, null);
        }
        var last = events[^1];
        if (!last.Passed)
        {
            return new DueKata(kata, DueReason.Failing, last.At);
        }
        // Consecutive passes on distinct days at the end of the history set the interval.
        int streak = 0;
        DateOnly? day = null;
        for (int i = events.Count - 1; i >= 0 && events[i].Passed; i--)
        {
            var d = DateOnly.FromDateTime(events[i].At.UtcDateTime);
            if (day != d)
            {
                streak++;
                day = d;
            }
        }
        var due = last.At.AddDays(Math.Pow(2, Math.Min(streak, 8) - 1));
        return new DueKata(kata, due <= now ? DueReason.Rusty : DueReason.Fresh, due);
    }
}
