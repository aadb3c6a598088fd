using BenchmarkDotNet.Attributes;
using MlKatas.Grading;
using static TorchSharp.torch;

namespace MlKatas.Benchmarks;

/// <summary>Grading overhead: a full comparison report against a bare allclose, on the same tensors.</summary>
[MemoryDiagnoser]
public class ComparisonBenchmarks
{
    private Tensor expected = null!;
    private Tensor actual = null!;

    [Params(10_000, 1_000_000)]
    public int Elements { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        expected = randn(Elements, dtype: ScalarType.Float64);
        actual = expected + 1e-9;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        expected.Dispose();
        actual.Dispose();
    }

    [Benchmark(Baseline = true)]
    public bool AllClose() => actual.allclose(expected, rtol: 1e-6, atol: 1e-6);

    [Benchmark]
    public TensorReport Report() => TensorComparison.Compare("out", actual, expected, new Tolerance(1e-6, 1e-6));
}
