using System.Text.Json;
using System.Text.Json.Serialization;
using MlKatas.Grading;

namespace MlKatas.Cli.State;

/// <summary>One grading of a kata, as history remembers it.</summary>
public sealed record GradingRecord
{
    /// <summary>When.</summary>
    public required DateTimeOffset At { get; init; }
    /// <summary>The verdict.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
    public required Verdict Verdict { get; init; }
    /// <summary>Speed ratio against the reference, when measured.</summary>
    public double? SpeedRatio { get; init; }
}

/// <summary>How a practice attempt ended.</summary>
public enum AttemptOutcome
{
    /// <summary>The solution passed before the countdown ran out.</summary>
    Passed,
    /// <summary>The countdown ran out.</summary>
    TimedOut,
    /// <summary>The learner stopped (q or Ctrl-C).</summary>
    GaveUp,
}

/// <summary>One timed practice attempt.</summary>
public sealed record PracticeAttempt
{
    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>The countdown, in minutes.</summary>
    public required int Minutes { get; init; }
    /// <summary>How it ended.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<AttemptOutcome>))]
    public required AttemptOutcome Outcome { get; init; }
    /// <summary>Seconds from start to the end (to the pass, when passed).</summary>
    public required double Seconds { get; init; }
    /// <summary>Hints shown during the attempt.</summary>
    public int Hints { get; init; }
    /// <summary>The verdict of each grading during the attempt, in order.</summary>
    [JsonConverter(typeof(JsonVerdictListConverter))]
    public IReadOnlyList<Verdict> Verdicts { get; init; } = [];
}

/// <summary>Everything remembered about one kata.</summary>
public sealed record KataProgress
{
    /// <summary>When the learner first ran <c>start</c>.</summary>
    public DateTimeOffset? StartedAt { get; init; }
    /// <summary>How many hint levels have been shown (0–3).</summary>
    public int HintsShown { get; init; }
    /// <summary>Recent gradings, newest last (at most <see cref="ProgressStore.MaxGradings"/>).</summary>
    public IReadOnlyList<GradingRecord> Gradings { get; init; } = [];
    /// <summary>Practice attempts, oldest first.</summary>
    public IReadOnlyList<PracticeAttempt> Attempts { get; init; } = [];

    /// <summary>not started / started / failing / passed.</summary>
    [JsonIgnore]
    public string Status => Gradings.Count == 0
        ? (StartedAt is null && Attempts.Count == 0 ? "not started" : "started")
        : Gradings[^1].Verdict == Verdict.Passed ? "passed" : Gradings[^1].Verdict == Verdict.NotAttempted ? "started" : "failing";

    /// <summary>Fastest practice time to pass, in seconds.</summary>
    [JsonIgnore]
    public double? BestSeconds => Attempts.Where(a => a.Outcome == AttemptOutcome.Passed).Select(a => (double?)a.Seconds).Min();

    /// <summary>When the kata last passed (a grading or a practice attempt).</summary>
    [JsonIgnore]
    public DateTimeOffset? LastPassed => Gradings.Where(g => g.Verdict == Verdict.Passed).Select(g => (DateTimeOffset?)g.At)
        .Concat(Attempts.Where(a => a.Outcome == AttemptOutcome.Passed).Select(a => (DateTimeOffset?)a.StartedAt.AddSeconds(a.Seconds)))
        .Max();
}

/// <summary>The learner's whole history: one small versioned JSON file.</summary>
public sealed record Progress
{
    /// <summary>Version of this file's shape.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Version of the file's shape.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    /// <summary>Per kata, by slug.</summary>
    public IReadOnlyDictionary<string, KataProgress> Katas { get; init; } = new Dictionary<string, KataProgress>();
    /// <summary>The katas of the last <c>check</c> run (what <c>report</c> reports by default).</summary>
    public IReadOnlyList<string> LastCheck { get; init; } = [];

    /// <summary>The progress of <paramref name="slug"/> (empty when never touched).</summary>
    public KataProgress For(string slug) => Katas.TryGetValue(slug, out var p) ? p : new KataProgress();

    /// <summary>A copy with <paramref name="slug"/>'s progress replaced.</summary>
    public Progress With(string slug, Func<KataProgress, KataProgress> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var katas = new SortedDictionary<string, KataProgress>(Katas.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal)
        {
            [slug] = change(For(slug)),
        };
        return this with { Katas = katas };
    }
}

/// <summary>Serialises a list of verdicts as strings.</summary>
internal sealed class JsonVerdictListConverter : JsonConverter<IReadOnlyList<Verdict>>
{
    public override IReadOnlyList<Verdict> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var list = new List<Verdict>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected a list of verdicts");
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(Enum.TryParse<Verdict>(reader.GetString(), out var v) ? v : throw new JsonException($"unknown verdict '{reader.GetString()}'"));
        }
        return list;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<Verdict> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var v in value)
        {
            writer.WriteStringValue(v.ToString());
        }
        writer.WriteEndArray();
    }
}
