using MlKatas.Cli;
using MlKatas.Cli.State;
using MlKatas.Grading;
using Spectre.Console.Testing;

namespace MlKatas.Tests.Cli;

/// <summary>A clock the test moves.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// A small catalogue in a temporary checkout (rustlings-style fixture): the real k-means kata — metadata, statement,
/// stub, reference, golden cases — and a private history folder. The CLI runs against it in-process with a recording
/// console; gradings run in real worker processes pointed at the fixture.
/// </summary>
internal sealed class FixtureCatalogue : IDisposable
{
    private readonly TempDir _dir = new();

    public FixtureCatalogue()
    {
        var real = RepoLayout.Current;
        File.WriteAllText(Path.Combine(Root, "MlKatas.sln"), "");
        Copy(real.GlobalUsingsPath, Path.Combine(Root, "katas", "GlobalUsings.cs"));
        foreach (var f in new[] { "kata.json", "README.md" })
        {
            Copy(Path.Combine(real.KataDir("k-means"), f), Path.Combine(Layout.KataDir("k-means"), f));
        }
        Copy(real.StubPath("k-means"), Layout.SolutionPath("k-means"));
        Copy(real.StubPath("k-means"), Layout.StubPath("k-means"));
        Copy(real.ReferencePath("k-means"), Layout.ReferencePath("k-means"));
        foreach (var f in Directory.EnumerateFiles(real.CasesDir("k-means")))
        {
            Copy(f, Path.Combine(Layout.CasesDir("k-means"), Path.GetFileName(f)));
        }
        Console = new TestConsole().Width(120);
        Clock = new ManualClock(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    }

    public string Root => _dir.Path;
    public RepoLayout Layout => new(Root);
    public TestConsole Console { get; private set; }
    public ManualClock Clock { get; }
    public ProgressStore Store => new(Path.Combine(Root, "home"));
    public bool Interactive { get; set; }

    public static string RealMutant(string name) =>
        Path.Combine(RepoLayout.Current.Root, "tests", "MlKatas.Tests", "Mutants", "k-means", name + ".cs");

    public static string RealReference => RepoLayout.Current.ReferencePath("k-means");

    /// <summary>Runs <c>mlkatas args…</c>; returns the exit code and everything printed.</summary>
    public (int Exit, string Output) Run(params string[] args) => RunWithKeys("", args);

    /// <summary>Runs with <paramref name="keys"/> already typed.</summary>
    public (int Exit, string Output) RunWithKeys(string keys, params string[] args)
    {
        Console = new TestConsole().Width(120);
        foreach (char c in keys)
        {
            Console.Input.PushCharacter(c);
        }
        var services = new CliServices
        {
            Console = Console,
            Layout = Layout,
            Store = Store,
            Clock = Clock,
            WorkerDll = IsolatedGrading.WorkerBeside(),
            Interactive = Interactive,
        };
        int exit = CliApp.Run(args, services);
        return (exit, Console.Output);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }

    public void Dispose()
    {
        Console.Dispose();
        _dir.Dispose();
    }
}
