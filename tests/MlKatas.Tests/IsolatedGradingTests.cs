using MlKatas.Graders;
using MlKatas.Grading;

namespace MlKatas.Tests;

/// <summary>Solutions that take their process down, or never return, cost their kata the verdict and nothing else.</summary>
public sealed class IsolatedGradingTests
{
    private static string Fixture(string name) =>
        Path.Combine(RepoLayout.Current.Root, "tests", "MlKatas.Tests", "Fixtures", "k-means", name + ".cs");

    private static KataResult Grade(string fixture, TimeSpan limit) =>
        IsolatedGrading.Beside().Grade("k-means", Fixture(fixture), new GradeOptions { Timing = false }, limit).Result;

    // A libtorch abort, a stack overflow, Environment.Exit/FailFast, a thread's exception and runaway memory are graded
    // through the runner in Cli/HostileSolutionsTests; these tests cover the wall-clock kill and the warm worker.

    [Fact]
    public void A_grading_past_its_wall_clock_limit_is_killed_and_is_TimeLimitExceeded()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = Grade("InfiniteLoop", TimeSpan.FromSeconds(15));
        result.Verdict.Should().Be(Verdict.TimeLimitExceeded);
        result.Summary.Should().Contain("the grading process was killed");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(40));
    }

    [Fact]
    public void An_infinite_loop_within_one_case_is_TimeLimitExceeded_in_process()
    {
        var grader = new KMeansGrader { CaseTimeLimitOverride = TimeSpan.FromSeconds(2) };
        // Not the endless InfiniteLoop fixture: in-process, the abandoned case thread cannot be killed and would spin
        // for the rest of the test run.
        var result = grader.Grade(Fixture("SpinsPastTheCaseLimit"), new GradeOptions { Timing = false });
        result.Verdict.Should().Be(Verdict.TimeLimitExceeded);
        result.Cases.Should().ContainSingle().Which.Message.Should().StartWith("still running after 2 s");
    }

    [Fact]
    public void Cached_cases_are_handed_out_as_copies_that_a_mutating_solution_cannot_corrupt()
    {
        // watch and practice keep golden and random cases in the warm worker between saves (CacheCases, one seed per
        // session); a solution that writes into its inputs must not change what the next grading sees.
        var grader = new KMeansGrader();
        var options = new GradeOptions { Timing = false, Seed = 12345, CacheCases = true };
        string mutates = Path.Combine(RepoLayout.Current.Root, "tests", "MlKatas.Tests", "Mutants", "k-means", "MutatesInput.cs");
        var first = grader.Grade(RepoLayout.Current.ReferencePath("k-means"), options);
        grader.Grade(mutates, options).Verdict.Should().Be(Verdict.InputMutated);
        grader.Grade(mutates, options).Verdict.Should().Be(Verdict.InputMutated);
        var again = grader.Grade(RepoLayout.Current.ReferencePath("k-means"), options);
        again.Verdict.Should().Be(Verdict.Passed, ResultText.Render(again));
        again.Cases.Select(c => (c.Name, c.Inputs)).Should().Equal(first.Cases.Select(c => (c.Name, c.Inputs)),
            "the same seed gives the same random cases, from the cache");
    }

    [Fact]
    public void The_reference_graded_in_a_worker_passes()
    {
        var result = IsolatedGrading.Beside().Grade("k-means", RepoLayout.Current.ReferencePath("k-means"),
            new GradeOptions { Timing = false }, TimeSpan.FromMinutes(10)).Result;
        result.Verdict.Should().Be(Verdict.Passed, ResultText.Render(result));
    }

    [Fact]
    public void A_prestarted_worker_grades_like_a_one_shot_one_and_is_used_up()
    {
        // `check` starts its worker before it parses arguments (CliApp); the hostile suite grades through it. Here: the
        // verdict that only a one-shot worker could tell before (a solution ending the process with exit code 0).
        var isolated = IsolatedGrading.Beside();
        var worker = isolated.Prestart();
        var result = isolated.GradePrestarted(worker, "k-means", Fixture("EnvironmentExit"), new GradeOptions { Timing = false },
            TimeSpan.FromMinutes(10)).Result;
        result.Verdict.Should().Be(Verdict.RuntimeError, ResultText.Render(result));
        result.Summary.Should().Contain("Environment.Exit");
        worker.Starts.Should().Be(1, "the prestarted process did the grading");
    }

    [Fact]
    public void A_warm_worker_survives_a_hang_and_a_crash_by_restarting_and_keeps_grading()
    {
        using var worker = new WarmGradingWorker(IsolatedGrading.WorkerBeside(), RepoLayout.Current.Root);
        var options = new GradeOptions { Timing = false };
        string reference = RepoLayout.Current.ReferencePath("k-means");

        worker.Grade("k-means", reference, options, TimeSpan.FromMinutes(10)).Result.Verdict.Should().Be(Verdict.Passed);
        worker.Grade("k-means", Fixture("MatmulDtypeMismatch"), options, TimeSpan.FromMinutes(10)).Result.Verdict.Should().Be(Verdict.RuntimeError);
        worker.Starts.Should().Be(1, "a worker is replaced on the grading after the one that took it down, not before");

        var hung = worker.Grade("k-means", Fixture("InfiniteLoop"), options, TimeSpan.FromSeconds(10)).Result;
        hung.Verdict.Should().Be(Verdict.TimeLimitExceeded);
        hung.Summary.Should().Contain("the grading process was killed");

        var crashed = worker.Grade("k-means", Fixture("StackOverflow"), options, TimeSpan.FromMinutes(10)).Result;
        crashed.Verdict.Should().Be(Verdict.RuntimeError);
        crashed.Summary.Should().Contain("stack overflow");

        worker.Grade("k-means", reference, options, TimeSpan.FromMinutes(10)).Result.Verdict.Should().Be(Verdict.Passed);
        worker.Starts.Should().Be(4, "a killed and a crashed worker are each replaced once");
    }

    [Fact]
    public void A_warm_worker_reports_a_bad_case_pack_as_the_callers_error()
    {
        using var dir = new TempDir();
        dir.File("bad.safetensors", "not a safetensors file");
        using var worker = new WarmGradingWorker(IsolatedGrading.WorkerBeside(), RepoLayout.Current.Root);
        var act = () => worker.Grade("k-means", RepoLayout.Current.ReferencePath("k-means"),
            new GradeOptions { Timing = false, ExtraCaseDirs = [dir.Path] }, TimeSpan.FromMinutes(10));
        act.Should().Throw<InvalidOperationException>().WithMessage("*bad.safetensors*");
    }

    [Fact]
    public void A_worker_line_or_pipe_close_after_disposal_is_ignored()
    {
        // A worker killed without waiting closes its standard error later, on a thread-pool thread; the handler then
        // ran against a disposed wake-up signal and the unhandled ObjectDisposedException ended the test host (exit 134).
        var worker = new WarmGradingWorker(IsolatedGrading.WorkerBeside(), RepoLayout.Current.Root);
        worker.Dispose();
        var late = () =>
        {
            worker.OnStderrLine("some output");
            worker.OnStderrLine(null);
        };
        late.Should().NotThrow();
    }
}
