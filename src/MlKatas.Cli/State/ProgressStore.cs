using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MlKatas.Grading;

namespace MlKatas.Cli.State;

/// <summary>
/// Where the learner's history lives: <c>$MLKATAS_HOME</c> if set (tests and CI point it at a temporary folder), else
/// the user's data folder (<c>~/.local/share/mlkatas</c> on Linux). <c>progress.json</c> is written atomically
/// (write a new file, then rename over the old); a file that cannot be read is reported and set aside as
/// <c>progress.json.corrupt-&lt;time&gt;</c>, never silently discarded. The last result of each kata is kept in
/// <c>results/&lt;slug&gt;.json</c> for <c>report</c>.
/// </summary>
public sealed class ProgressStore
{
    /// <summary>Environment variable that overrides the data folder.</summary>
    public const string HomeVariable = "MLKATAS_HOME";
    /// <summary>Gradings kept per kata.</summary>
    public const int MaxGradings = 50;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A store in <paramref name="home"/>.</summary>
    public ProgressStore(string home) => Home = Path.GetFullPath(home);

    /// <summary>The data folder.</summary>
    public string Home { get; }

    /// <summary>The progress file.</summary>
    public string FilePath => Path.Combine(Home, "progress.json");

    /// <summary>Folder of the last result of each kata.</summary>
    public string ResultsDir => Path.Combine(Home, "results");

    /// <summary>The store chosen by the environment.</summary>
    public static ProgressStore FromEnvironment()
    {
        string? home = Environment.GetEnvironmentVariable(HomeVariable);
        if (string.IsNullOrEmpty(home))
        {
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "mlkatas");
        }
        return new ProgressStore(home);
    }

    /// <summary>What went wrong with the file on the last load, if anything (the caller shows it).</summary>
    public string? Warning { get; private set; }

    /// <summary>Reads the progress; a missing file is empty progress; a corrupt one is set aside with a <see cref="Warning"/>.</summary>
    public Progress Load()
    {
        Warning = null;
        if (!File.Exists(FilePath))
        {
            return new Progress();
        }
        string problem;
        try
        {
            var progress = JsonSerializer.Deserialize<Progress>(File.ReadAllText(FilePath), Json);
            if (progress is not null && progress.SchemaVersion == Progress.CurrentSchemaVersion)
            {
                return progress;
            }
            problem = progress is null ? "it is empty" : $"its schema version is {progress.SchemaVersion}, this mlkatas reads {Progress.CurrentSchemaVersion}";
        }
        catch (JsonException ex)
        {
            problem = ex.Message;
        }
        string aside = FilePath + ".corrupt-" + DateTime.UtcNow.ToString("yyyyMMddTHHmmss", CultureInfo.InvariantCulture);
        File.Move(FilePath, aside);
        Warning = $"{FilePath} could not be read ({problem}); it was moved to {aside} and a new history was started.";
        return new Progress();
    }

    /// <summary>Writes the progress atomically.</summary>
    public void Save(Progress progress)
    {
        Directory.CreateDirectory(Home);
        WriteAtomically(FilePath, JsonSerializer.Serialize(progress, Json));
    }

    /// <summary>Loads, changes and saves in one step.</summary>
    public Progress Update(Func<Progress, Progress> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var next = change(Load());
        Save(next);
        return next;
    }

    /// <summary>
    /// Records a grading: the full result for <c>report</c>, and — when <paramref name="learnersFile"/> (the learner's
    /// own katas/&lt;slug&gt;/Solution.cs, not <c>--impl reference</c> or <c>--solution</c>) — a line of history.
    /// </summary>
    public void Record(KataResult result, bool learnersFile)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(ResultsDir);
        WriteAtomically(Path.Combine(ResultsDir, result.Kata + ".json"), result.ToJson());
        if (learnersFile)
        {
            Update(p => p.With(result.Kata, k => k with
            {
                Gradings = k.Gradings.Append(new GradingRecord { At = result.GradedAt, Verdict = result.Verdict, SpeedRatio = result.Timing?.Ratio })
                    .TakeLast(MaxGradings).ToList(),
            }));
        }
    }

    /// <summary>The last stored result of <paramref name="slug"/>, if any.</summary>
    public KataResult? LastResult(string slug)
    {
        string path = Path.Combine(ResultsDir, slug + ".json");
        try
        {
            return File.Exists(path) ? KataResult.FromJson(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteAtomically(string path, string text)
    {
        string tmp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }
}
