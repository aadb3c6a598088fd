using MlKatas.Grading.Timing;
using static TorchSharp.torch;

namespace MlKatas.Tests;

/// <summary>
/// The peak-memory probe behind <c>MemorySpec</c> (flash attention must not build a T×T matrix): it sees a large native
/// tensor that lives only inside the call, and does not see a small one. In the serial collection, because every
/// thread of the process counts towards the resident size.
/// </summary>
[Collection(nameof(SerialTimed))]
public sealed class PeakMemoryProbeTests
{
    [Fact]
    public void A_128_MB_tensor_freed_inside_the_call_still_raises_the_peak_and_a_small_one_does_not()
    {
        Assert.SkipUnless(PeakMemoryProbe.Available, "needs Linux's /proc/self/clear_refs");
        MlKatas.Grading.TorchRuntime.EnsureLoaded();
        long? big = PeakMemoryProbe.Measure(() =>
        {
            using var t = ones(4096, 4096, dtype: ScalarType.Float64);   // 128 MB, every page written
            _ = t.sum().item<double>();
        });
        long? small = PeakMemoryProbe.Measure(() =>
        {
            using var t = ones(256, 256, dtype: ScalarType.Float64);      // 0.5 MB
            _ = t.sum().item<double>();
        });
        big.Should().NotBeNull();
        big!.Value.Should().BeGreaterThan(120L << 20, "the 128 MB tensor was resident for a moment");
        small!.Value.Should().BeLessThan(16L << 20, "a 0.5 MB tensor must not look like a large one");
    }

    [Fact]
    public void The_probe_resets_the_peak_so_an_earlier_large_allocation_does_not_count()
    {
        Assert.SkipUnless(PeakMemoryProbe.Available, "needs Linux's /proc/self/clear_refs");
        MlKatas.Grading.TorchRuntime.EnsureLoaded();
        using (var t = ones(4096, 4096, dtype: ScalarType.Float64))
        {
            _ = t.sum().item<double>();
        }
        long? after = PeakMemoryProbe.Measure(() => { using var t = ones(16, 16); });
        after!.Value.Should().BeLessThan(16L << 20);
    }
}
