using MlKatas.Graders;
using MlKatas.Grading;

namespace MlKatas.Tests;

/// <summary>
/// A grading leaves no tensor alive: the watch and practice workers grade hundreds of saves in one process, and a
/// tensor that is not disposed holds native memory until the GC happens to finalise it (the GC does not see native
/// memory). Counted with TorchSharp's process-wide live-tensor count, so it runs in the serial collection (a test
/// beside it would create and free tensors of its own).
/// </summary>
[Collection(nameof(SerialTimed))]
public sealed class TensorLeakTests
{
    [Theory]
    [MemberData(nameof(GraderSelfTests.Slugs), MemberType = typeof(GraderSelfTests))]
    public void Grading_the_reference_leaves_the_live_tensor_count_where_it_was(string slug)
    {
        var grader = KataCatalog.Find(slug)!;
        string reference = RepoLayout.Current.ReferencePath(slug);
        var options = new GradeOptions { Timing = false, Seed = 7 };
        grader.Grade(reference, options).Verdict.Should().Be(Verdict.Passed);   // warm: compilation, lazies, statics

        GC.Collect();
        GC.WaitForPendingFinalizers();   // garbage from before is finalised now, not during the measured grading
        long before = TorchSharp.torch.Tensor.TotalCount;
        var result = grader.Grade(reference, options);
        long after = TorchSharp.torch.Tensor.TotalCount;   // no GC here: a leaked tensor must still be counted

        result.Verdict.Should().Be(Verdict.Passed);
        after.Should().BeLessThanOrEqualTo(before,
            $"grading {slug} ({result.Cases.Count} cases) must dispose every tensor it creates; {after - before} are still alive");
    }

    [Fact]
    public void The_count_sees_tensors_a_solution_keeps_alive()
    {
        // The probe above can fail: a solution that stashes a copy of each input raises the count by one per case.
        // (Before KataGrader.Grade held a dispose scope, all 15 katas failed it: 34–239 tensors left per grading.)
        var grader = new KMeansGrader();
        string keeps = Path.Combine(RepoLayout.Current.Root, "tests", "MlKatas.Tests", "Fixtures", "k-means", "KeepsTensors.cs");
        var options = new GradeOptions { Timing = false, Seed = 7 };
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = TorchSharp.torch.Tensor.TotalCount;
        var result = grader.Grade(keeps, options);
        long after = TorchSharp.torch.Tensor.TotalCount;
        result.Verdict.Should().Be(Verdict.WrongAnswer);
        (after - before).Should().BeGreaterThanOrEqualTo(result.Cases.Count, "each case's kept copy is still alive");
    }
}
