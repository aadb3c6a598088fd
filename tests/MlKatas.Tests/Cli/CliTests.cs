using System.Xml.Linq;
using MlKatas.Cli.State;
using MlKatas.Grading;
using Spectre.Console.Testing;

namespace MlKatas.Tests.Cli;

/// <summary>The runner's commands as a learner uses them, failure paths included, against a fixture catalogue.</summary>
public sealed class CliTests : IDisposable
{
    private readonly FixtureCatalogue _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Bare_mlkatas_shows_progress_and_what_to_do_next()
    {
        var (exit, output) = _f.Run();
        exit.Should().Be(0);
        output.Should().Contain("not started 1").And.Contain("next: mlkatas start k-means");
    }

    [Fact]
    public void List_shows_each_kata_with_topic_difficulty_and_status()
    {
        var (exit, output) = _f.Run("list");
        exit.Should().Be(0);
        output.Should().Contain("k-means").And.Contain("classical").And.Contain("easy").And.Contain("not started");
        _f.Run("list", "--topic", "nope").Exit.Should().Be(2);
        _f.Run("list", "--topic", "nope").Output.Should().Contain("no topic 'nope'; topics: classical");
        _f.Run("list", "--difficulty", "medium").Output.Should().NotContain("k-means (Lloyd");
    }

    [Fact]
    public void Unknown_kata_suggests_the_nearest_name_and_exits_2()
    {
        var (exit, output) = _f.Run("show", "kmeans");
        exit.Should().Be(2);
        output.Should().Contain("no kata named 'kmeans'; did you mean 'k-means'?");
        _f.Run("check", "zzzzzz").Output.Should().Contain("run `mlkatas list` to see every kata");
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "Unknown command")]
    [InlineData(new[] { "check", "--bogus" }, "Unknown option")]
    [InlineData(new[] { "check", "k-means", "--impl", "mine" }, "--impl must be 'learner' or 'reference'")]
    [InlineData(new[] { "check", "--shard", "3/2" }, "--shard must look like i/n")]
    [InlineData(new[] { "check", "k-means", "--all" }, "not several of these")]
    [InlineData(new[] { "check", "--base", "main" }, "--base only goes with --changed")]
    [InlineData(new[] { "report", "--format", "pdf" }, "--format must be markdown, junit or json")]
    [InlineData(new[] { "practice", "--minutes", "0" }, "--minutes must be between 1 and 600")]
    [InlineData(new[] { "check", "k-means", "--solution", "/no/such/file.cs" }, "the file does not exist")]
    [InlineData(new[] { "check", "k-means", "--cases", "/no/such/dir" }, "the folder does not exist")]
    public void Bad_usage_gets_a_message_and_exit_code_2(string[] args, string message)
    {
        var (exit, output) = _f.Run(args);
        exit.Should().Be(2, output);
        output.Should().Contain(message);
    }

    [Fact]
    public void Show_renders_the_statement_and_start_records_the_start()
    {
        var (exit, output) = _f.Run("show", "k-means");
        exit.Should().Be(0);
        output.Should().Contain("k-means (Lloyd's algorithm)").And.Contain("katas/k-means/Solution.cs");
        _f.Store.Load().For("k-means").StartedAt.Should().BeNull("show does not start a kata");

        _f.Run("start", "k-means").Exit.Should().Be(0);
        _f.Store.Load().For("k-means").StartedAt.Should().Be(_f.Clock.Now);
        _f.Run("list").Output.Should().Contain("started");
    }

    [Fact]
    public void Hints_come_one_level_at_a_time_and_are_recorded()
    {
        _f.Run("hint", "k-means").Output.Should().Contain("hint 1 of 3").And.NotContain("hint 2 of 3");
        _f.Store.Load().For("k-means").HintsShown.Should().Be(1);
        _f.Run("hint", "k-means").Output.Should().Contain("hint 2 of 3");
        _f.Run("hint", "k-means");
        var (exit, output) = _f.Run("hint", "k-means");
        exit.Should().Be(0);
        output.Should().Contain("hint 3 of 3").And.Contain("that was the last hint");
        _f.Store.Load().For("k-means").HintsShown.Should().Be(3);
    }

    [Fact]
    public void Reset_restores_the_stub_and_keeps_the_learners_code_as_a_backup()
    {
        string solution = _f.Layout.SolutionPath("k-means");
        string stub = File.ReadAllText(solution);
        File.WriteAllText(solution, "// my precious attempt\n");

        var (exit, output) = _f.Run("reset", "k-means");
        exit.Should().Be(0);
        output.Should().Contain("restored the stub");
        File.ReadAllText(solution).Should().Be(stub);
        var backups = Directory.GetFiles(Path.Combine(_f.Layout.KataDir("k-means"), ".backups"));
        backups.Should().ContainSingle().Which.Should().Match("*Solution-20261126-*.cs");
        File.ReadAllText(backups[0]).Should().Be("// my precious attempt\n");

        _f.Run("reset", "k-means").Output.Should().Contain("already the stub; nothing to do");
        File.WriteAllText(solution, "// second attempt\n");
        _f.Run("reset", "k-means");
        Directory.GetFiles(Path.Combine(_f.Layout.KataDir("k-means"), ".backups")).Should().HaveCount(2, "a second reset in the same second must not overwrite the first backup");
    }

    [Fact]
    public void A_corrupt_history_is_set_aside_with_a_warning_not_discarded()
    {
        Directory.CreateDirectory(_f.Store.Home);
        File.WriteAllText(_f.Store.FilePath, "{ not json");
        var (exit, output) = _f.Run("list");
        exit.Should().Be(0);
        output.Should().Contain("could not be read").And.Contain(".corrupt-");
        Directory.GetFiles(_f.Store.Home, "progress.json.corrupt-*").Should().ContainSingle()
            .Which.Should().Match(p => File.ReadAllText(p) == "{ not json");
    }

    [Fact]
    public void Check_of_an_untouched_stub_skips_under_all_but_fails_when_named()
    {
        var (exit, output) = _f.Run("check", "--all", "--no-timing");
        exit.Should().Be(0, output);
        output.Should().Contain("NotAttempted").And.Contain("1 not attempted yet, skipped").And.Contain("begin with mlkatas start k-means");

        var named = _f.Run("check", "k-means", "--no-timing");
        named.Exit.Should().Be(1);
    }

    [Fact]
    public void Check_of_the_reference_passes_and_report_writes_markdown_junit_and_json()
    {
        var (exit, output) = _f.Run("check", "k-means", "--impl", "reference", "--no-timing");
        exit.Should().Be(0, output);
        output.Should().Contain("k-means: Passed").And.Contain("all 1 checked katas passed");
        _f.Store.Load().For("k-means").Gradings.Should().BeEmpty("grading the reference is not the learner's progress");

        var md = _f.Run("report");
        md.Exit.Should().Be(0);
        md.Output.Should().Contain("| `k-means` | ✅ Passed |").And.MatchRegex("Grading digest .*`[0-9a-f]{16}`");

        string junit = Path.Combine(_f.Root, "out", "mlkatas.xml");
        _f.Run("report", "--format", "junit", "--output", junit).Exit.Should().Be(0);
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        suite.Attribute("tests")!.Value.Should().Be("1");
        suite.Attribute("failures")!.Value.Should().Be("0");

        var json = _f.Run("check", "k-means", "--impl", "reference", "--no-timing", "--json");
        json.Exit.Should().Be(0);
        KataResult.FromJson(json.Output).Verdict.Should().Be(Verdict.Passed);
    }

    [Fact]
    public void Dev_check_static_passes_on_the_real_catalogue_and_names_what_is_missing_in_a_broken_one()
    {
        // The real checkout: k-means' metadata, statement, cases, mutant set and files are complete.
        var real = new MlKatas.Cli.CliServices
        {
            Console = new TestConsole().Width(200),
            Layout = RepoLayout.Current,
            Store = _f.Store,
            WorkerDll = IsolatedGrading.WorkerBeside(),
            Interactive = false,
        };
        int exit = MlKatas.Cli.CliApp.Run(["dev", "check", "k-means", "--static"], real);
        string output = ((TestConsole)real.Console).Output;
        exit.Should().Be(0, output);
        output.Should().Contain("metadata complete").And.Contain("mutant set").And.Contain("dev check passed");

        // The fixture checkout has no mutants and a stray file: both are named, and the exit code is 1.
        File.WriteAllText(Path.Combine(_f.Layout.KataDir("k-means"), "notes.txt"), "scratch");
        var (fixtureExit, fixtureOutput) = _f.Run("dev", "check", "k-means", "--static");
        fixtureExit.Should().Be(1, fixtureOutput);
        fixtureOutput.Should().Contain("missing the universal mutants").And.Contain("notes.txt").And.Contain("dev check failed");
    }

    [Fact]
    public void Dev_sweep_grades_at_many_seeds_and_names_each_grading_that_got_another_verdict_with_its_replay()
    {
        // A mutant whose first line expects the wrong verdict stands for a random case that is not well posed: the
        // sweep names the file, the seed, both verdicts and the command that replays it, and exits 1.
        string mutants = Path.Combine(_f.Root, "tests", "MlKatas.Tests", "Mutants", "k-means");
        Directory.CreateDirectory(mutants);
        var lines = File.ReadAllLines(FixtureCatalogue.RealMutant("TiesToHighestIndex"));
        lines[0] = "// Expect: Passed";
        File.WriteAllLines(Path.Combine(mutants, "WronglyExpected.cs"), lines);
        var (exit, output) = _f.Run("dev", "sweep", "k-means", "--first-seed", "5", "--seeds", "2");
        exit.Should().Be(1, output);
        output.Should().Contain("seeds 5…6").And.Contain("k-means/WronglyExpected at seed 5: expected Passed, got WrongAnswer")
            .And.Contain("at seed 6").And.Contain("replay: mlkatas check k-means --solution")
            .And.Contain("--seed 5").And.Contain("dev sweep failed: 2 of 4 gradings");

        // Fixed: the reference and the mutant each hold at both seeds.
        lines[0] = "// Expect: WrongAnswer";
        File.WriteAllLines(Path.Combine(mutants, "WronglyExpected.cs"), lines);
        var fixedRun = _f.Run("dev", "sweep", "k-means", "--first-seed", "5", "--seeds", "2");
        fixedRun.Exit.Should().Be(0, fixedRun.Output);
        fixedRun.Output.Should().Contain("dev sweep passed: 4 gradings");

        var bad = _f.Run("dev", "sweep", "--seeds", "0");
        bad.Exit.Should().NotBe(0);
        bad.Output.Should().Contain("--seeds must be between 1 and 100000");
    }

    [Fact]
    public void Check_of_a_wrong_solution_says_why_and_records_the_failure()
    {
        string solution = _f.Layout.SolutionPath("k-means");
        File.Copy(FixtureCatalogue.RealMutant("TiesToHighestIndex"), solution, overwrite: true);
        var (exit, output) = _f.Run("check", "k-means", "--no-timing");
        exit.Should().Be(1);
        output.Should().Contain("k-means: WrongAnswer").And.Contain("out of tolerance").And.Contain("worst at");
        _f.Store.Load().For("k-means").Status.Should().Be("failing");

        File.WriteAllText(solution, "namespace MlKatas.Katas.KMeans;\npublic static class KMeans { public static int Fit( => 0; }\n");
        var broken = _f.Run("check", "k-means", "--no-timing");
        broken.Exit.Should().Be(1);
        broken.Output.Should().Contain("CompileError").And.MatchRegex(@"katas/k-means/Solution\.cs\(2,\d+\): error CS\d+");
    }

    [Fact]
    public void A_bad_case_pack_names_the_file_and_exits_2()
    {
        string pack = Path.Combine(_f.Root, "pack");
        Directory.CreateDirectory(pack);
        File.WriteAllText(Path.Combine(pack, "broken.safetensors"), "this is not a safetensors file");
        var (exit, output) = _f.Run("check", "k-means", "--impl", "reference", "--no-timing", "--cases", pack);
        exit.Should().Be(2, output);
        output.Should().Contain("broken.safetensors");
    }

    [Fact]
    public void Watch_grades_the_solution_and_records_it()
    {
        File.Copy(FixtureCatalogue.RealReference, _f.Layout.SolutionPath("k-means"), overwrite: true);
        var (exit, output) = _f.Run("watch", "k-means", "--no-timing", "--max-gradings", "1");
        exit.Should().Be(0, output);
        output.Should().Contain("watching katas/k-means/Solution.cs").And.Contain("k-means: Passed");
        _f.Store.Load().For("k-means").Status.Should().Be("passed");
    }

    [Fact]
    public async Task Practice_starts_from_the_stub_regrades_on_save_and_records_a_passed_attempt()
    {
        var ct = TestContext.Current.CancellationToken;
        string solution = _f.Layout.SolutionPath("k-means");
        File.WriteAllText(solution, "// old work\n");
        var saver = Task.Run(async () =>
        {
            // the learner "types" for a while, then saves a correct solution
            await Task.Delay(TimeSpan.FromSeconds(4), ct);
            File.Copy(FixtureCatalogue.RealReference, solution, overwrite: true);
        }, ct);
        var (exit, output) = _f.Run("practice", "k-means", "--minutes", "5", "--no-timing");
        await saver;
        exit.Should().Be(0, output);
        output.Should().Contain("starting from the stub").And.Contain("5 minutes").And.Contain("passed in");
        var attempt = _f.Store.Load().For("k-means").Attempts.Should().ContainSingle().Subject;
        attempt.Outcome.Should().Be(AttemptOutcome.Passed);
        attempt.Verdicts.Should().EndWith(Verdict.Passed);
        Directory.GetFiles(Path.Combine(_f.Layout.KataDir("k-means"), ".backups")).Should().ContainSingle();
    }

    [Fact]
    public void Practice_can_be_given_up_with_q_and_the_attempt_is_recorded()
    {
        _f.Interactive = true;
        var (exit, output) = _f.RunWithKeys("q", "practice", "k-means", "--minutes", "5");
        exit.Should().Be(1);
        output.Should().Contain("stopped");
        _f.Store.Load().For("k-means").Attempts.Should().ContainSingle().Which.Outcome.Should().Be(AttemptOutcome.GaveUp);
    }

    [Fact]
    public void Progress_writes_a_self_contained_html_page()
    {
        string html = Path.Combine(_f.Root, "progress.html");
        var (exit, _) = _f.Run("progress", "--html", html);
        exit.Should().Be(0);
        string page = File.ReadAllText(html);
        page.Should().StartWith("<!DOCTYPE html>").And.Contain("<svg").And.Contain("Topic coverage").And.NotContain("<script");
    }
}
