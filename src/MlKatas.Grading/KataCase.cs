using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace MlKatas.Grading;

/// <summary>
/// One grading case: the inputs of a kata's function, its non-tensor arguments, and the expected outputs.
/// Tensor names follow DESIGN.md: inputs by parameter name (<c>in.x</c> → <c>x</c>), outputs <c>out</c> or
/// <c>out.&lt;name&gt;</c>, expected gradients <c>grad.&lt;param&gt;</c>. Disposing a case disposes its tensors.
/// </summary>
public sealed class KataCase : IDisposable
{
    /// <summary>Creates a case; the case owns the tensors it is given.</summary>
    public KataCase(string name, IReadOnlyDictionary<string, Tensor> inputs, JsonObject args,
        IReadOnlyDictionary<string, Tensor> expected)
    {
        Name = name;
        Inputs = inputs;
        Args = args;
        Expected = expected;
    }

    /// <summary>Short name shown to the learner (a file name, or <c>random #3</c>).</summary>
    public string Name { get; }
    /// <summary>Where the case came from (a file path, or the generator).</summary>
    public string Source { get; init; } = "";
    /// <summary>Hidden cases never reveal expected values in reports.</summary>
    public bool Hidden { get; init; }
    /// <summary>Which entry point the case exercises, for katas with several (e.g. <c>Fit</c>, <c>PredictProba</c>).</summary>
    public string? Entry { get; init; }
    /// <summary>One line saying what the case is about.</summary>
    public string? Note { get; init; }
    /// <summary>A tolerance that overrides the kata's default for this case.</summary>
    public Tolerance? ToleranceOverride { get; init; }
    /// <summary>Tensor arguments by parameter name.</summary>
    public IReadOnlyDictionary<string, Tensor> Inputs { get; }
    /// <summary>Non-tensor arguments by parameter name.</summary>
    public JsonObject Args { get; }
    /// <summary>Expected outputs by full name (<c>out</c>, <c>out.weights</c>, <c>grad.x</c>).</summary>
    public IReadOnlyDictionary<string, Tensor> Expected { get; }

    /// <summary>The tensor argument <paramref name="parameter"/>.</summary>
    public Tensor Input(string parameter) => Inputs.TryGetValue(parameter, out var t)
        ? t
        : throw new CaseFileException(Source, $"it has no tensor 'in.{parameter}', which this kata needs");

    /// <summary>The non-tensor argument <paramref name="parameter"/>, converted to <typeparamref name="T"/>.</summary>
    public T Arg<T>(string parameter)
    {
        if (!Args.TryGetPropertyValue(parameter, out var node) || node is null)
        {
            throw new CaseFileException(Source, $"its metadata 'args' has no \"{parameter}\", which this kata needs");
        }
        try
        {
            // Read as JSON, not as the CLR type the node happens to hold: an argument a grader wrote as 1 (an int) serves
            // a long or double parameter, as it would from a case file; 1.5 for a long is still refused.
            return node.Deserialize<T>()!;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or JsonException)
        {
            throw new CaseFileException(Source, string.Create(CultureInfo.InvariantCulture,
                $"its argument \"{parameter}\" is {node.ToJsonString()}, which is not a {typeof(T).Name}"));
        }
    }

    /// <summary>A copy that owns copies of the tensors (a cached case is handed out as copies, never itself).</summary>
    public KataCase Copy() =>
        new(Name, Inputs.ToDictionary(kv => kv.Key, kv => kv.Value.clone()), (JsonObject)Args.DeepClone(),
            Expected.ToDictionary(kv => kv.Key, kv => kv.Value.clone()))
        {
            Source = Source,
            Hidden = Hidden,
            Entry = Entry,
            Note = Note,
            ToleranceOverride = ToleranceOverride,
        };

    /// <summary>
    /// Takes the case's tensors out of every dispose scope, for a case that outlives the grading that made it (the
    /// case caches of watch and practice). Returns the case.
    /// </summary>
    public KataCase Kept()
    {
        foreach (var t in Inputs.Values.Concat(Expected.Values))
        {
            t.DetachFromDisposeScope();
        }
        return this;
    }

    /// <summary>
    /// A short description of the inputs: shapes, dtypes and arguments, and the values of small integer or boolean
    /// tensors (at most <see cref="SmallIndexValues"/> elements, 0-d or 1-d — indices, lengths, positions, labels:
    /// "globals: Int64[2] = [0, 7]" says which case failed where the shape alone does not). Float tensors' values are
    /// not printed: a few numbers of a float input seldom explain a failure, and the line is for reading.
    /// </summary>
    public string DescribeInputs()
    {
        var parts = Inputs.Select(kv => $"{kv.Key}: {TensorComparison.Signature(kv.Value)}{SmallValues(kv.Value)}")
            .Concat(Args.Select(kv => $"{kv.Key} = {kv.Value?.ToJsonString() ?? "null"}"));
        return string.Join(", ", parts);
    }

    /// <summary>The most elements of an integer or boolean input whose values <see cref="DescribeInputs"/> prints.</summary>
    public const int SmallIndexValues = 8;

    private static string SmallValues(Tensor t)
    {
        bool integral = t.dtype is ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8
            or ScalarType.Byte or ScalarType.Bool;
        if (!integral || t.dim() > 1 || t.numel() > SmallIndexValues)
        {
            return "";
        }
        using var flat = t.to_type(ScalarType.Int64).reshape(-1);
        string values = string.Join(", ", flat.data<long>().ToArray().Select(v =>
            t.dtype == ScalarType.Bool ? (v != 0 ? "true" : "false") : v.ToString(CultureInfo.InvariantCulture)));
        return t.dim() == 0 ? $" = {values}" : $" = [{values}]";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in Inputs.Values)
        {
            t.Dispose();
        }
        foreach (var t in Expected.Values)
        {
            t.Dispose();
        }
    }
}

/// <summary>A case file that cannot be used, with the file and what is wrong with it.</summary>
public sealed class CaseFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CaseFileException(string path, string problem, Exception? inner = null)
        : base($"Case file {path}: {problem}.", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>Creates the exception (for serialisers).</summary>
    public CaseFileException() : this("?", "unknown problem") { }

    /// <summary>Creates the exception (for serialisers).</summary>
    public CaseFileException(string message) : this("?", message) { }

    /// <summary>Creates the exception (for serialisers).</summary>
    public CaseFileException(string message, Exception inner) : this("?", message, inner) { }

    /// <summary>The file.</summary>
    public string Path { get; }
    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}

internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
