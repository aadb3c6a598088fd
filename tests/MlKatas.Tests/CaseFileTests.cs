using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using static TorchSharp.torch;

namespace MlKatas.Tests;

public sealed class CaseFileTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string WriteSample(string kata = "k-means")
    {
        string path = dir.File("01-sample.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["in.x"] = arange(6, dtype: ScalarType.Float64).reshape(3, 2),
            ["out.labels"] = tensor(new long[] { 0, 1, 1 }),
            ["out.inertia"] = tensor(1.5, ScalarType.Float64),
            ["out.mask"] = tensor(new[] { true, false }),
            ["out.f32"] = tensor(new float[] { 0.5f }),
        };
        CaseFile.Write(path, kata, tensors, new JsonObject { ["maxIterations"] = 7 },
            new Dictionary<string, string> { ["note"] = "a sample", ["atol"] = "0.01", ["rtol"] = "0" });
        return path;
    }

    [Fact]
    public void Round_trips_tensors_arguments_and_metadata()
    {
        string path = WriteSample();
        using var c = CaseFile.Read(path, "k-means");
        c.Name.Should().Be("01-sample");
        c.Note.Should().Be("a sample");
        c.ToleranceOverride.Should().Be(new Tolerance(0.01, 0));
        c.Arg<int>("maxIterations").Should().Be(7);
        c.Input("x").shape.Should().Equal(3, 2);
        c.Input("x").data<double>().ToArray().Should().Equal(0, 1, 2, 3, 4, 5);
        c.Expected["out.labels"].dtype.Should().Be(ScalarType.Int64);
        c.Expected["out.mask"].data<bool>().ToArray().Should().Equal(true, false);
        c.Expected["out.f32"].dtype.Should().Be(ScalarType.Float32);
    }

    [Fact]
    public void A_0d_tensor_keeps_its_scalar_shape()
    {
        using var c = CaseFile.Read(WriteSample(), "k-means");
        c.Expected["out.inertia"].shape.Should().BeEmpty();
        c.Expected["out.inertia"].item<double>().Should().Be(1.5);
    }

    [Fact]
    public void A_case_for_another_kata_is_refused_with_both_names()
    {
        var act = () => CaseFile.Read(WriteSample("logistic-regression"), "k-means");
        act.Should().Throw<CaseFileException>().WithMessage("Case file */01-sample.safetensors: it is a case for kata 'logistic-regression', not 'k-means'.");
    }

    [Fact]
    public void A_truncated_file_is_reported_as_truncated()
    {
        string path = WriteSample();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);
        var act = () => CaseFile.Read(path, "k-means");
        act.Should().Throw<CaseFileException>().WithMessage("*data offsets*truncated or corrupt*");
    }

    [Fact]
    public void A_file_that_is_not_safetensors_is_reported()
    {
        string path = dir.File("bad.safetensors", "this is not a case file at all");
        var act = () => CaseFile.Read(path, "k-means");
        act.Should().Throw<CaseFileException>().WithMessage("*header length*not a safetensors file or it is truncated*");
    }

    [Fact]
    public void A_header_that_is_not_json_is_reported()
    {
        string path = dir.File("bad.safetensors");
        byte[] header = Encoding.UTF8.GetBytes("{not json");
        var bytes = new byte[8 + header.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        var act = () => CaseFile.Read(path, "k-means");
        act.Should().Throw<CaseFileException>().WithMessage("*header is not valid JSON*");
    }

    [Theory]
    [InlineData("{\"__metadata__\":{\"args\":\"{}\"},\"out\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}", "*no \"kata\" key*")]
    [InlineData("{\"__metadata__\":{\"kata\":\"k-means\",\"args\":\"[1,2]\"},\"out\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}", "*\"args\" metadata is not a JSON object*")]
    [InlineData("{\"__metadata__\":{\"kata\":\"k-means\"},\"weights\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}", "*tensor named 'weights'*")]
    [InlineData("{\"__metadata__\":{\"kata\":\"k-means\"},\"out\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]}}", "*dtype F16; case files use F64, F32, I64, BOOL*")]
    [InlineData("{\"__metadata__\":{\"kata\":\"k-means\"},\"in.x\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}", "*no expected output*")]
    [InlineData("{\"__metadata__\":{\"kata\":\"k-means\",\"atol\":\"loose\"},\"out\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}", "*\"atol\" metadata is \"loose\"*")]
    public void Malformed_headers_are_reported_with_what_is_wrong(string header, string message)
    {
        string path = dir.File("case.safetensors");
        byte[] json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        var act = () => CaseFile.Read(path, "k-means");
        act.Should().Throw<CaseFileException>().WithMessage(message);
    }

    [Fact]
    public void A_missing_argument_names_the_file_and_the_argument()
    {
        using var c = CaseFile.Read(WriteSample(), "k-means");
        var act = () => c.Arg<double>("l2");
        act.Should().Throw<CaseFileException>().WithMessage("*01-sample.safetensors: its metadata 'args' has no \"l2\", which this kata needs.");
    }

    [Fact]
    public void Numeric_arguments_convert_between_integer_and_floating_types_but_never_round()
    {
        using var c = new KataCase("args", new Dictionary<string, TorchSharp.torch.Tensor>(),
            new System.Text.Json.Nodes.JsonObject { ["dim"] = 1, ["lr"] = 2, ["half"] = 1.5, ["name"] = "rbf" },
            new Dictionary<string, TorchSharp.torch.Tensor>());
        c.Arg<long>("dim").Should().Be(1L, "a grader writing 1 (an int) means the long 1");
        c.Arg<double>("lr").Should().Be(2.0);
        c.Arg<string>("name").Should().Be("rbf");
        var act = () => c.Arg<long>("half");
        act.Should().Throw<CaseFileException>().WithMessage("*\"half\" is 1.5, which is not a Int64*");
    }

    [Fact]
    public void Inputs_are_described_by_shape_and_small_integer_inputs_also_by_value()
    {
        using var c = new KataCase("c", new Dictionary<string, Tensor>
        {
            ["q"] = zeros(2, 3, dtype: ScalarType.Float32),
            ["globals"] = tensor(new long[] { 0, 7 }),
            ["window"] = tensor(3L),
            ["mask"] = tensor(new[] { true, false }),
            ["empty"] = zeros(0, dtype: ScalarType.Int64),
            ["many"] = arange(9, dtype: ScalarType.Int64),
            ["grid"] = zeros(2, 2, dtype: ScalarType.Int64),
        }, new JsonObject { ["k"] = 2 }, new Dictionary<string, Tensor>());
        c.DescribeInputs().Should().Be("q: Float32[2,3], globals: Int64[2] = [0, 7], window: Int64[] = 3, " +
            "mask: Bool[2] = [true, false], empty: Int64[0] = [], many: Int64[9], grid: Int64[2,2], k = 2");
    }
}
