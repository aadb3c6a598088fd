using MlKatas.Grading;
using MlKatas.Grading.Timing;

namespace MlKatas.Tests;

public sealed class KataResultTests
{
    [Fact]
    public void Json_round_trips_with_a_schema_version_and_string_verdicts()
    {
        var result = new KataResult
        {
            Kata = "k-means",
            Solution = "katas/k-means/Solution.cs",
            Verdict = Verdict.WrongAnswer,
            Summary = "k-means: WrongAnswer",
            Cases =
            [
                new CaseReport { Name = "01-blobs", Verdict = Verdict.WrongAnswer, Outputs =
                [
                    new TensorReport { Name = "out.labels", Verdict = Verdict.WrongAnswer, ExpectedShape = [3], ActualShape = [3],
                        ExpectedDtype = "Int64", ActualDtype = "Int64", Tolerance = Tolerance.Exact, WorstIndex = [2], MaxAbsError = 1 },
                ] },
            ],
            Timing = new TimingReport { Ratio = 1.2, RatioMin = 1, RatioMax = 1.5, Samples = 9, SolutionMs = 2, ReferenceMs = 1.7, Budget = 3 },
            Seed = 42,
        };
        string json = result.ToJson();
        json.Should().Contain("\"schemaVersion\": 1").And.Contain("\"verdict\": \"WrongAnswer\"");
        var back = KataResult.FromJson(json);
        back.Verdict.Should().Be(Verdict.WrongAnswer);
        back.Cases[0].Outputs[0].WorstIndex.Should().Equal(2);
        back.Timing!.Ratio.Should().Be(1.2);
        back.Seed.Should().Be(42);
    }

    [Fact]
    public void Json_of_another_schema_version_is_refused()
    {
        var act = () => KataResult.FromJson("{\"schemaVersion\": 99, \"kata\": \"x\", \"solution\": \"s\", \"verdict\": \"Passed\", \"summary\": \"\"}");
        act.Should().Throw<System.Text.Json.JsonException>().WithMessage("*schema version 99*");
    }

    [Fact]
    public void Verdicts_are_ordered_as_in_the_design()
    {
        Verdicts.First(Verdict.WrongAnswer, Verdict.NonFinite).Should().Be(Verdict.NonFinite);
        Verdicts.First(Verdict.InputMutated, Verdict.WrongAnswer).Should().Be(Verdict.InputMutated);
        Verdicts.First(Verdict.Passed, Verdict.TooSlow).Should().Be(Verdict.TooSlow);
        Enum.GetValues<Verdict>().Should().BeInAscendingOrder();
    }
}
