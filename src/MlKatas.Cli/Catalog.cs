using System.Text.Json;
using System.Text.Json.Serialization;
using MlKatas.Grading;

namespace MlKatas.Cli;

/// <summary>A kata's metadata (<c>katas/&lt;slug&gt;/kata.json</c>).</summary>
public sealed record KataInfo
{
    /// <summary>Folder name and identifier.</summary>
    public required string Slug { get; init; }
    /// <summary>Human title.</summary>
    public required string Title { get; init; }
    /// <summary>Topic (classical, deep-learning, attention, rl…).</summary>
    public required string Topic { get; init; }
    /// <summary>easy, medium or hard.</summary>
    public required string Difficulty { get; init; }
    /// <summary>Interview-realistic time to solve, in minutes (the default practice countdown).</summary>
    public int Minutes { get; init; } = 30;
    /// <summary>Hints, from a nudge to nearly the answer.</summary>
    public IReadOnlyList<string> Hints { get; init; } = [];
    /// <summary>Entry points.</summary>
    public IReadOnlyList<string> EntryPoints { get; init; } = [];
}

/// <summary>The user caused an error (unknown kata, bad option value, unusable file): a message and exit code 2.</summary>
public sealed class UserErrorException : Exception
{
    /// <summary>Creates the error.</summary>
    public UserErrorException(string message) : base(message) { }

    /// <summary>Creates the error.</summary>
    public UserErrorException() { }

    /// <summary>Creates the error.</summary>
    public UserErrorException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The katas of a checkout, in catalogue order (easy first, then by topic and title).</summary>
public sealed class Catalog
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    private static readonly string[] Difficulties = ["easy", "medium", "hard"];

    private Catalog(RepoLayout layout, IReadOnlyList<KataInfo> katas)
    {
        Layout = layout;
        Katas = katas;
    }

    /// <summary>The checkout.</summary>
    public RepoLayout Layout { get; }

    /// <summary>Every kata.</summary>
    public IReadOnlyList<KataInfo> Katas { get; }

    /// <summary>Reads every <c>katas/*/kata.json</c>; a broken metadata file is an error that names it.</summary>
    public static Catalog Load(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var katas = new List<KataInfo>();
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(layout.Root, "katas")))
        {
            string meta = Path.Combine(dir, "kata.json");
            if (!File.Exists(meta))
            {
                continue; // bin/, obj/ and other folders that are not katas
            }
            KataInfo info;
            try
            {
                info = JsonSerializer.Deserialize<KataInfo>(File.ReadAllText(meta), Json)
                    ?? throw new JsonException("the file is empty");
            }
            catch (JsonException ex)
            {
                throw new UserErrorException($"{RepoLayout.Relative(meta)} is not valid kata metadata: {ex.Message}", ex);
            }
            if (info.Slug != Path.GetFileName(dir))
            {
                throw new UserErrorException($"{RepoLayout.Relative(meta)} says slug '{info.Slug}' but lives in folder '{Path.GetFileName(dir)}'.");
            }
            katas.Add(info);
        }
        var ordered = katas
            .OrderBy(k => Array.IndexOf(Difficulties, k.Difficulty) is var i && i < 0 ? 99 : i)
            .ThenBy(k => k.Topic, StringComparer.Ordinal)
            .ThenBy(k => k.Slug, StringComparer.Ordinal)
            .ToList();
        return new Catalog(layout, ordered);
    }

    /// <summary>The kata named <paramref name="slug"/>, or a <see cref="UserErrorException"/> that suggests the nearest names.</summary>
    public KataInfo Get(string slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        var found = Katas.FirstOrDefault(k => string.Equals(k.Slug, slug, StringComparison.OrdinalIgnoreCase));
        if (found is not null)
        {
            return found;
        }
        var near = Katas
            .Select(k => (k.Slug, Distance: Distance(slug.ToLowerInvariant(), k.Slug)))
            .Where(x => x.Distance <= Math.Max(2, x.Slug.Length / 3) || x.Slug.Contains(slug, StringComparison.OrdinalIgnoreCase))
            .OrderBy(x => x.Distance)
            .Select(x => x.Slug)
            .Take(3)
            .ToList();
        string hint = near.Count > 0
            ? $"did you mean {string.Join(" or ", near.Select(n => $"'{n}'"))}?"
            : "run `mlkatas list` to see every kata.";
        throw new UserErrorException($"no kata named '{slug}'; {hint}");
    }

    /// <summary>Katas matching the optional filters; an unknown topic or difficulty is an error listing the known ones.</summary>
    public IReadOnlyList<KataInfo> Filter(string? topic, string? difficulty)
    {
        if (topic is not null && !Katas.Any(k => k.Topic == topic))
        {
            throw new UserErrorException($"no topic '{topic}'; topics: {string.Join(", ", Katas.Select(k => k.Topic).Distinct().Order())}.");
        }
        if (difficulty is not null && !Difficulties.Contains(difficulty))
        {
            throw new UserErrorException($"no difficulty '{difficulty}'; use one of {string.Join(", ", Difficulties)}.");
        }
        return Katas.Where(k => (topic is null || k.Topic == topic) && (difficulty is null || k.Difficulty == difficulty)).ToList();
    }

    /// <summary>Levenshtein distance.</summary>
    internal static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
