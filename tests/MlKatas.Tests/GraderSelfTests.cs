using MlKatas.Cli.Dev;
using MlKatas.Graders;
using MlKatas.Grading;

namespace MlKatas.Tests;

/// <summary>
/// Each grader proves its strength — the checks of <c>mlkatas dev check</c> (<see cref="DevCheck"/>), one test per
/// kata and per mutant: the static checks hold, the reference passes (timing included, reference against itself), the
/// stub is NotAttempted, and every mutant — a plausible interview mistake — is rejected with the verdict it should get.
/// Every row carries trait <c>Grader=&lt;slug&gt;</c>: <c>dotnet test --project tests/MlKatas.Tests --filter-trait Grader=k-means</c>.
/// This class holds the checks that time nothing and runs in parallel with the other test classes;
/// <see cref="GraderTimingSelfTests"/> holds the ones that time the reference, alone.
/// </summary>
public sealed class GraderSelfTests(ITestOutputHelper output)
{
    internal static readonly DevCheck Dev = new(RepoLayout.Current);

    /// <summary>Every kata.</summary>
    public static TheoryData<string> Slugs()
    {
        var data = new TheoryData<string>();
        foreach (var grader in KataCatalog.All)
        {
            data.Add(new TheoryDataRow<string>(grader.Spec.Slug).WithTrait("Grader", grader.Spec.Slug));
        }
        return data;
    }

    /// <summary>Mutant files graded without timing: tests/MlKatas.Tests/Mutants/&lt;slug&gt;/&lt;Name&gt;.cs, first line "// Expect: &lt;Verdict&gt;".</summary>
    public static TheoryData<string, string> Mutants() => MutantRows(timed: false);

    internal static TheoryData<string, string> MutantRows(bool timed)
    {
        var data = new TheoryData<string, string>();
        foreach (var grader in KataCatalog.All)
        {
            foreach (var file in Dev.MutantFiles(grader.Spec.Slug).Where(f => DevCheck.IsTimed(DevCheck.ExpectedVerdict(f)) == timed))
            {
                data.Add(new TheoryDataRow<string, string>(grader.Spec.Slug, Path.GetFileNameWithoutExtension(file)).WithTrait("Grader", grader.Spec.Slug));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Static_checks_hold(string slug)
    {
        // katas/<slug>/Solution.cs must be the pristine stub on a fresh clone (CI); a learner's edited copy is theirs.
        var findings = Dev.StaticChecks(KataCatalog.Find(slug)!, requirePristineCopy: Environment.GetEnvironmentVariable("CI") is not null);
        findings.Where(f => !f.Ok).Select(f => $"{f.Check}: {f.Detail}").Should().BeEmpty();
    }

    [Fact]
    public void Every_kata_has_a_grader_and_every_grader_a_kata()
    {
        Dev.CatalogueChecks().Select(f => f.Detail).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Stub_is_NotAttempted_and_left_unchanged(string slug)
    {
        // The pristine stub in graders/, not katas/<slug>/Solution.cs: a learner who has solved the kata runs this too.
        var (finding, result) = DevCheck.StubIsNotAttempted(KataCatalog.Find(slug)!);
        finding.Ok.Should().BeTrue(finding.Detail);
        result.Summary.Should().Be($"{slug}: not attempted yet — edit graders/{slug}/Stub.cs", "the summary names the file that was graded");
    }

    [Theory]
    [MemberData(nameof(Mutants))]
    public void Mutant_is_rejected_with_its_expected_verdict(string slug, string mutant) => CheckMutant(output, slug, mutant);

    internal static void CheckMutant(ITestOutputHelper output, string slug, string mutant)
    {
        var outcome = DevCheck.GradeMutant(KataCatalog.Find(slug)!, Path.Combine(Dev.MutantDir(slug), mutant + ".cs"));
        output.WriteLine(outcome.Report);
        outcome.Got.Should().Be(outcome.Expected, outcome.Report);
        // A learner must be told why: the report names the failing case and what was wrong with it.
        outcome.Result.Summary.Should().NotBeNullOrWhiteSpace();
        if (outcome.Expected != Verdict.Passed && outcome.Result.Cases.FirstOrDefault(c => c.Verdict == outcome.Expected) is { } failing)
        {
            outcome.Report.Should().Contain(failing.Name);
        }
    }
}

/// <summary>
/// The self-checks that time the reference: the reference against itself, the controls (<c>Expect: Passed</c>) and the
/// speed mutants (TooSlow, WrongComplexity). They run alone, after the parallel tests (a test running beside them
/// would be noise in the ratios they measure).
/// </summary>
[Collection(nameof(SerialTimed))]
public sealed class GraderTimingSelfTests(ITestOutputHelper output)
{
    /// <summary>Mutants graded with timing.</summary>
    public static TheoryData<string, string> TimedMutants() => GraderSelfTests.MutantRows(timed: true);

    [Theory]
    [MemberData(nameof(GraderSelfTests.Slugs), MemberType = typeof(GraderSelfTests))]
    public void Reference_passes_including_timing_against_itself(string slug)
    {
        var (finding, result) = DevCheck.ReferencePasses(KataCatalog.Find(slug)!);
        output.WriteLine(ResultText.Render(result));
        finding.Ok.Should().BeTrue(finding.Detail + "\n" + ResultText.Render(result));
    }

    [Theory]
    [MemberData(nameof(TimedMutants))]
    public void Timed_mutant_gets_its_expected_verdict(string slug, string mutant) => GraderSelfTests.CheckMutant(output, slug, mutant);
}

/// <summary>Tests that measure time: run one at a time, after every parallel test has finished.</summary>
[CollectionDefinition(nameof(SerialTimed), DisableParallelization = true)]
public sealed class SerialTimed;
