using System.Text.Json;
using System.Text.Json.Serialization;
using MlKatas.Grading.Compilation;
using MlKatas.Grading.Timing;

namespace MlKatas.Grading;

/// <summary>What grading one case found.</summary>
public sealed record CaseReport
{
    /// <summary>The case's name (file name, or <c>random #N</c>).</summary>
    public required string Name { get; init; }
    /// <summary>What the case is about.</summary>
    public string? Note { get; init; }
    /// <summary>Hidden cases never reveal expected values.</summary>
    public bool Hidden { get; init; }
    /// <summary>The entry point exercised, for katas with several.</summary>
    public string? Entry { get; init; }
    /// <summary>The inputs' shapes, dtypes and arguments (never their values).</summary>
    public string Inputs { get; init; } = "";
    /// <summary>The case's verdict.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
    public required Verdict Verdict { get; init; }
    /// <summary>For RuntimeError, TimeLimitExceeded, InputMutated…: what happened, in words.</summary>
    public string? Message { get; init; }
    /// <summary>One report per compared output.</summary>
    public IReadOnlyList<TensorReport> Outputs { get; init; } = [];
    /// <summary>Wall time of the solution call, in seconds.</summary>
    public double Seconds { get; init; }
}

/// <summary>
/// The result of grading one kata: one verdict (the first that applies, DESIGN.md), per-case reports, timing and
/// complexity, constraint findings. Graders turn it into assertions; the runner renders it; reports serialise it.
/// </summary>
public sealed record KataResult
{
    /// <summary>Version of this JSON shape; bumped on any incompatible change.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Version of the JSON shape.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    /// <summary>The kata's slug.</summary>
    public required string Kata { get; init; }
    /// <summary>The graded file, relative to the repository root.</summary>
    public required string Solution { get; init; }
    /// <summary>The verdict.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
    public required Verdict Verdict { get; init; }
    /// <summary>One line for a learner.</summary>
    public required string Summary { get; init; }
    /// <summary>Compiler errors (CompileError).</summary>
    public IReadOnlyList<CompileDiagnostic> CompileErrors { get; init; } = [];
    /// <summary>Forbidden APIs used (ForbiddenApi).</summary>
    public IReadOnlyList<ForbiddenApiUse> ForbiddenApis { get; init; } = [];
    /// <summary>Per-case reports.</summary>
    public IReadOnlyList<CaseReport> Cases { get; init; } = [];
    /// <summary>Speed relative to the reference, when measured.</summary>
    public TimingReport? Timing { get; init; }
    /// <summary>Growth of running time, when the kata declares a complexity.</summary>
    public ComplexityReport? Complexity { get; init; }
    /// <summary>Peak working memory of one call, when the kata declares a memory limit.</summary>
    public MemoryReport? Memory { get; init; }
    /// <summary>Seed of the random hidden cases of this grading.</summary>
    public int? Seed { get; init; }
    /// <summary>When the grading finished.</summary>
    public DateTimeOffset GradedAt { get; init; } = DateTimeOffset.UtcNow;
    /// <summary>Wall time of the whole grading, in seconds.</summary>
    public double Seconds { get; init; }

    /// <summary>Whether the kata passed.</summary>
    [JsonIgnore]
    public bool Passed => Verdict == Verdict.Passed;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>Serialises to JSON (schema <see cref="CurrentSchemaVersion"/>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a result written by <see cref="ToJson"/>.</summary>
    public static KataResult FromJson(string json)
    {
        var result = JsonSerializer.Deserialize<KataResult>(json, Json)
            ?? throw new JsonException("empty KataResult JSON");
        return result.SchemaVersion == CurrentSchemaVersion
            ? result
            : throw new JsonException($"KataResult schema version {result.SchemaVersion} is not {CurrentSchemaVersion}");
    }
}
