using MlKatas.Cli;
using MlKatas.Cli.State;
using MlKatas.Grading;

namespace MlKatas.Tests.Cli;

public sealed class SchedulerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static KataInfo Kata(string slug) => new() { Slug = slug, Title = slug, Topic = "t", Difficulty = "easy" };

    private static PracticeAttempt Attempt(double daysAgo, AttemptOutcome outcome) =>
        new() { StartedAt = Now.AddDays(-daysAgo), Minutes = 30, Outcome = outcome, Seconds = 600 };

    [Fact]
    public void Failing_first_then_rusty_then_unseen_then_fresh()
    {
        var katas = new[] { Kata("unseen"), Kata("fresh"), Kata("rusty"), Kata("failing") };
        var progress = new Progress()
            .With("fresh", k => k with { Attempts = [Attempt(0.5, AttemptOutcome.Passed)] })
            .With("rusty", k => k with { Attempts = [Attempt(3, AttemptOutcome.Passed)] })
            .With("failing", k => k with { Attempts = [Attempt(10, AttemptOutcome.Passed), Attempt(1, AttemptOutcome.TimedOut)] });
        Scheduler.Queue(katas, progress, Now).Select(d => (d.Kata.Slug, d.Reason)).Should().Equal(
            ("failing", DueReason.Failing), ("rusty", DueReason.Rusty), ("unseen", DueReason.Unseen), ("fresh", DueReason.Fresh));
    }

    [Fact]
    public void Each_pass_on_a_new_day_doubles_the_review_interval()
    {
        var p = new KataProgress { Attempts = [Attempt(10, AttemptOutcome.Passed), Attempt(9, AttemptOutcome.Passed), Attempt(7, AttemptOutcome.Passed)] };
        // three passes on three days: due 4 days after the last one
        var due = Scheduler.Classify(Kata("x"), p, Now);
        due.DueAt.Should().Be(Now.AddDays(-7).AddSeconds(600).AddDays(4));
        due.Reason.Should().Be(DueReason.Rusty);
    }

    [Fact]
    public void A_failed_grading_after_a_pass_makes_the_kata_failing()
    {
        var p = new KataProgress
        {
            Attempts = [Attempt(2, AttemptOutcome.Passed)],
            Gradings = [new GradingRecord { At = Now.AddHours(-1), Verdict = Verdict.WrongAnswer }],
        };
        Scheduler.Classify(Kata("x"), p, Now).Reason.Should().Be(DueReason.Failing);
        p.Status.Should().Be("failing");
    }
}
