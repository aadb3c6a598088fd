namespace MlKatas.Grading;

/// <summary>
/// Where things are in an MlKatas checkout. The root is <c>$MLKATAS_ROOT</c> if set, else the nearest folder above
/// the current directory or the running program that holds <c>MlKatas.sln</c> and <c>katas/</c>.
/// </summary>
public sealed class RepoLayout
{
    /// <summary>Environment variable that overrides the repository root.</summary>
    public const string RootVariable = "MLKATAS_ROOT";

    /// <summary>Uses <paramref name="root"/> as the repository root.</summary>
    public RepoLayout(string root) => Root = Path.GetFullPath(root);

    /// <summary>The repository root.</summary>
    public string Root { get; }

    /// <summary>The layout of the checkout this process runs in.</summary>
    public static RepoLayout Current => current.Value;

    private static readonly Lazy<RepoLayout> current = new(() => new RepoLayout(FindRoot()));

    /// <summary>Folder of the learner's side of a kata.</summary>
    public string KataDir(string slug) => Path.Combine(Root, "katas", slug);
    /// <summary>The learner's solution file.</summary>
    public string SolutionPath(string slug) => Path.Combine(KataDir(slug), "Solution.cs");
    /// <summary>The statement.</summary>
    public string StatementPath(string slug) => Path.Combine(KataDir(slug), "README.md");
    /// <summary>The kata's metadata.</summary>
    public string MetadataPath(string slug) => Path.Combine(KataDir(slug), "kata.json");
    /// <summary>The global usings compiled with every solution.</summary>
    public string GlobalUsingsPath => Path.Combine(Root, "katas", "GlobalUsings.cs");
    /// <summary>The hidden side of a kata.</summary>
    public string GraderDir(string slug) => Path.Combine(Root, "graders", slug);
    /// <summary>The reference implementation.</summary>
    public string ReferencePath(string slug) => Path.Combine(GraderDir(slug), "Reference.cs");
    /// <summary>The pristine stub (what <c>mlkatas reset</c> restores; the learner's copy is <see cref="SolutionPath"/>).</summary>
    public string StubPath(string slug) => Path.Combine(GraderDir(slug), "Stub.cs");
    /// <summary>The golden case files.</summary>
    public string CasesDir(string slug) => Path.Combine(GraderDir(slug), "cases");

    /// <summary><paramref name="path"/> relative to the root of the current checkout, for messages.</summary>
    public static string Relative(string path)
    {
        try
        {
            return Current.RelativePath(path);
        }
        catch (DirectoryNotFoundException)
        {
            return path;
        }
    }

    /// <summary><paramref name="path"/> relative to this checkout's root with forward slashes, or as given when outside it.</summary>
    public string RelativePath(string path)
    {
        string rel = Path.GetRelativePath(Root, Path.GetFullPath(path));
        return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel.Replace('\\', '/');
    }

    private static string FindRoot()
    {
        string? fromEnv = Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return IsRoot(fromEnv) ? fromEnv : throw new DirectoryNotFoundException(
                $"{RootVariable} is set to '{fromEnv}', which is not an MlKatas checkout (no MlKatas.sln and katas/ there).");
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (IsRoot(dir.FullName))
                {
                    return dir.FullName;
                }
            }
        }
        throw new DirectoryNotFoundException(
            $"Cannot find the MlKatas checkout: run from inside it, or set {RootVariable} to its folder.");
    }

    private static bool IsRoot(string dir) =>
        File.Exists(Path.Combine(dir, "MlKatas.sln")) && Directory.Exists(Path.Combine(dir, "katas"));
}
