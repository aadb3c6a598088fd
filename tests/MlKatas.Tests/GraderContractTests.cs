using System.Reflection;
using MlKatas.Graders;
using MlKatas.Grading;
using TorchSharp;

namespace MlKatas.Tests;

/// <summary>
/// A grader whose invoker forgets an output would grade less than its case files say, and every solution would pass
/// that part. The grading library refuses such a case loudly (a failed grader, seen by the reference's self-test)
/// instead of skipping the comparison.
/// </summary>
public sealed class GraderContractTests
{
    private sealed class DroppingGrader(KataGrader inner, Func<string, bool> drop) : KataGrader
    {
        public override KataSpec Spec => inner.Spec;

        public override KataInvoker Bind(Assembly solution)
        {
            var bound = inner.Bind(solution);
            return c =>
            {
                var outputs = new Dictionary<string, torch.Tensor>();
                foreach (var (name, tensor) in bound(c))
                {
                    if (drop(name))
                    {
                        tensor.Dispose();
                    }
                    else
                    {
                        outputs[name] = tensor;
                    }
                }
                return outputs;
            };
        }

        public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference) => inner.RandomCases(rng, reference);

        public override KataCase TimingCase(Random rng) => inner.TimingCase(rng);
    }

    private static KataResult GradeReference(KataGrader grader) =>
        grader.Grade(grader.Layout.ReferencePath(grader.Spec.Slug), new GradeOptions { Timing = false, Seed = 1 });

    [Fact]
    [Trait("Grader", "k-means")]
    public void An_expected_output_the_invoker_does_not_return_fails_the_grading_instead_of_being_skipped()
    {
        var result = GradeReference(new DroppingGrader(KataCatalog.Find("k-means")!, name => name == "out.labels"));

        result.Verdict.Should().Be(Verdict.RuntimeError);
        result.Cases.Should().Contain(c => c.Message != null && c.Message.Contains("expects output out.labels", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Grader", "layer-norm")]
    public void A_case_left_with_nothing_to_compare_fails_the_grading_and_the_other_cases_are_still_graded()
    {
        // Expected gradients are skipped for entries an invoker runs forward-only. With every gradient dropped, the
        // Backward cases (which expect only grad.*) would compare nothing and pass any solution: refused. The Forward
        // cases are still compared, and pass.
        var result = GradeReference(new DroppingGrader(KataCatalog.Find("layer-norm")!, name => name.StartsWith("grad.", StringComparison.Ordinal)));

        result.Verdict.Should().Be(Verdict.RuntimeError);
        result.Cases.Where(c => c.Entry == "Backward").Should().NotBeEmpty()
            .And.OnlyContain(c => c.Verdict == Verdict.RuntimeError && c.Message!.Contains("compares none of its expected outputs", StringComparison.Ordinal));
        result.Cases.Where(c => c.Entry == "Forward").Should().NotBeEmpty()
            .And.OnlyContain(c => c.Verdict == Verdict.Passed && c.Outputs.Count > 0);
    }

    [Fact]
    [Trait("Grader", "conv2d")]
    public void A_libtorch_error_reaches_the_learner_as_its_message_without_the_cpp_backtrace()
    {
        var grader = KataCatalog.Find("conv2d")!;
        string mutant = Path.Combine(RepoLayout.Current.Root, "tests", "MlKatas.Tests", "Mutants", "conv2d", "DilationIgnoredInOutputSize.cs");

        var result = grader.Grade(mutant, new GradeOptions { Timing = false, Seed = 1 });

        result.Verdict.Should().Be(Verdict.RuntimeError);
        var failed = result.Cases.Where(c => c.Verdict == Verdict.RuntimeError).ToList();
        failed.Should().NotBeEmpty().And.OnlyContain(c => c.Message!.Contains("stack expects each tensor to be equal size", StringComparison.Ordinal));
        failed.Should().OnlyContain(c => !c.Message!.Contains("Exception raised from", StringComparison.Ordinal)
            && !c.Message.Contains("frame #", StringComparison.Ordinal), "the C++ backtrace says nothing to a learner");
    }
}
