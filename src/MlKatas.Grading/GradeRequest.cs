using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlKatas.Grading;

/// <summary>One grading asked of a warm worker (<c>mlkatas grade-worker --serve</c>), one JSON line on its standard input.</summary>
public sealed record GradeRequest
{
    /// <summary>Matches the request to its completion marker.</summary>
    public required string Id { get; init; }
    /// <summary>The kata.</summary>
    public required string Slug { get; init; }
    /// <summary>Absolute path of the file to grade.</summary>
    public required string Solution { get; init; }
    /// <summary>Where the worker writes the <see cref="KataResult"/> JSON.</summary>
    public required string Result { get; init; }
    /// <summary>Measure speed.</summary>
    public bool Timing { get; init; } = true;
    /// <summary>Seed of the random cases.</summary>
    public int? Seed { get; init; }
    /// <summary>Extra case folders.</summary>
    public IReadOnlyList<string> Cases { get; init; } = [];
    /// <summary>Keep cases in the worker's memory for the next grading with the same seed (<see cref="GradeOptions.CacheCases"/>).</summary>
    public bool CacheCases { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>One line of JSON.</summary>
    public string ToJsonLine() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a line written by <see cref="ToJsonLine"/>.</summary>
    public static GradeRequest FromJsonLine(string line) =>
        JsonSerializer.Deserialize<GradeRequest>(line, Json) ?? throw new JsonException("empty grade request");

    /// <summary>The options this request asks for.</summary>
    public GradeOptions ToOptions() => new() { Timing = Timing, Seed = Seed, ExtraCaseDirs = Cases, CacheCases = CacheCases };
}
