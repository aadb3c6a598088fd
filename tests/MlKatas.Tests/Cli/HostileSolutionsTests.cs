using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MlKatas.Grading;

namespace MlKatas.Tests.Cli;

/// <summary>
/// The hostile-solutions suite: solutions that crash, exit, fail fast, throw on their own threads, eat memory, or reach
/// for files, the network, processes, reflection, the environment, timers or native code. Each is put where a learner's
/// solution goes and graded by the runner (<c>mlkatas check k-means --json</c>) as a learner would: each must get its
/// own verdict with a message that says what happened, exit code 1, no grading process left behind, and the learner's
/// file unchanged. Fixture files: tests/MlKatas.Tests/Fixtures/k-means/*.cs with "// Expect: &lt;Verdict&gt;" and
/// "// Says: &lt;text the summary must contain&gt;".
/// They run in the serial collection, alone after the parallel tests: AllocatesTooMuch must pass k-means' 1.5 GB limit
/// before its 20 s case limit, and touching memory costs ~3 s per GB on the 2-core VM — in a fresh clone's run, with the
/// other classes compiling every mutant beside it, it took 23.5 s and was TimeLimitExceeded (2026-11-27).
/// </summary>
[Collection(nameof(SerialTimed))]
public sealed class HostileSolutionsTests : IDisposable
{
    private readonly FixtureCatalogue _f = new();

    public void Dispose() => _f.Dispose();

    private static string FixtureDir => Path.Combine(RepoLayout.Current.Root, "tests", "MlKatas.Tests", "Fixtures", "k-means");

    /// <summary>Every fixture that declares what its summary says (the infinite loop has its own, faster tests).</summary>
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(FixtureDir, "*.cs").Order(StringComparer.Ordinal))
        {
            if (File.ReadLines(file).Take(3).Any(l => l.StartsWith("// Says: ", StringComparison.Ordinal)))
            {
                data.Add(Path.GetFileNameWithoutExtension(file));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_hostile_solution_gets_its_verdict_and_harms_nothing(string fixture)
    {
        string source = Path.Combine(FixtureDir, fixture + ".cs");
        var header = File.ReadLines(source).Take(3).ToList();
        var expected = Enum.Parse<Verdict>(header.Single(l => l.StartsWith("// Expect: ", StringComparison.Ordinal))["// Expect: ".Length..].Trim());
        string says = header.Single(l => l.StartsWith("// Says: ", StringComparison.Ordinal))["// Says: ".Length..].Trim();

        string learnersFile = _f.Layout.SolutionPath("k-means");
        File.Copy(source, learnersFile, overwrite: true);
        byte[] before = SHA256.HashData(File.ReadAllBytes(learnersFile));

        var (exit, output) = _f.Run("check", "k-means", "--no-timing", "--json");

        exit.Should().Be(1, output);
        var result = JsonNode.Parse(output)!;
        ((string?)result["verdict"]).Should().Be(expected.ToString(), output);
        ((string?)result["summary"]).Should().Contain(says, output);
        SHA256.HashData(File.ReadAllBytes(learnersFile)).Should().Equal(before, "grading never changes the learner's file");
        WorkersGoneFrom(_f.Root).Should().BeEmpty("every grading process is gone when check returns");
    }

    /// <summary>
    /// <see cref="WorkersLeftIn"/>, after up to 5 s: check kills its worker once the result is read without waiting for
    /// it to exit, so a killed worker may still be listed for a moment.
    /// </summary>
    private static List<string> WorkersGoneFrom(string root)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var left = WorkersLeftIn(root);
        while (left.Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(50);
            left = WorkersLeftIn(root);
        }
        return left;
    }

    /// <summary>Processes whose command line mentions <paramref name="root"/> (grading workers point at it).</summary>
    private static List<string> WorkersLeftIn(string root)
    {
        var left = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
            {
                continue;
            }
            try
            {
                string environ = File.ReadAllText(Path.Combine(dir, "environ"));
                if (environ.Contains(RepoLayout.RootVariable + "=" + root, StringComparison.Ordinal))
                {
                    left.Add(File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // a process that ended while we looked, or one we may not read
            }
        }
        return left;
    }
}
