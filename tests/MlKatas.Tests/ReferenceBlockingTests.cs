using System.Text.Json.Nodes;
using MlKatas.Graders;
using MlKatas.Grading;
using static TorchSharp.torch;

namespace MlKatas.Tests;

/// <summary>
/// References that take a faster path on inputs larger than any kata case (e.g. row blocks on long sequences, for the
/// peer benchmarks) are checked on such inputs here: the golden and random cases never reach that path.
/// </summary>
public sealed class ReferenceBlockingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Scaled_dot_product_attention_reference_in_row_blocks_equals_the_dense_formula(bool causal)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        // B·H·Tk = 2·1·4100 = 8200 elements per score row: the reference takes ⌊2^20 / 8200⌋ = 127 query rows per block,
        // so Tq = 300 is three blocks, the last one short. float64, so the two computations agree to rounding.
        const long B = 2, H = 1, Tq = 300, Tk = 4100, D = 8;
        var gen = new TorchSharp.torch.Generator(5);
        var q = randn([B, H, Tq, D], dtype: ScalarType.Float64, generator: gen);
        var k = randn([B, H, Tk, D], dtype: ScalarType.Float64, generator: gen);
        var v = randn([B, H, Tk, D], dtype: ScalarType.Float64, generator: gen);
        var padding = rand([B, Tk], generator: gen).lt(0.3);
        padding[1, TensorIndex.Slice(null, 200)] = tensor(true);   // batch 1: queries 0..199 see no key when causal → 0

        var masked = padding.view(B, 1, 1, Tk);
        if (causal)
        {
            masked = masked.logical_or(ones(Tq, Tk, dtype: ScalarType.Bool).triu(1));
        }
        var scores = q.matmul(k.transpose(-2, -1)).div(Math.Sqrt(D)).masked_fill(masked, double.NegativeInfinity);
        var expected = softmax(scores, -1).nan_to_num(0.0).matmul(v);

        using var kataCase = new KataCase("blocked", new Dictionary<string, Tensor>
        {
            ["q"] = q, ["k"] = k, ["v"] = v, ["keyPaddingMask"] = padding,
        }, new JsonObject { ["causal"] = causal }, new Dictionary<string, Tensor>());
        var actual = KataCatalog.Find("scaled-dot-product-attention")!.Reference()(kataCase)["out"];

        actual.Should().BeCloseTo(expected, atol: 1e-12, rtol: 1e-10);
        if (causal)
        {
            actual[1, 0, TensorIndex.Slice(null, 200)].abs().max().item<double>().Should().Be(0.0);
        }
    }
}
