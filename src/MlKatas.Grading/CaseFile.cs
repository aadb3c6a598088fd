using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MlKatas.Grading;

/// <summary>
/// Reads and writes case files: safetensors (8-byte little-endian header length, JSON header, raw little-endian data)
/// with the tensor names and <c>__metadata__</c> keys of DESIGN.md. Tensors go through TorchSharp.PyBridge; the header
/// is validated here first so that a bad file is reported with what is wrong rather than a parser stack trace.
/// </summary>
public static class CaseFile
{
    /// <summary>File extension of case files.</summary>
    public const string Extension = ".safetensors";

    private static readonly Dictionary<string, (ScalarType Type, int Size)> DTypes = new(StringComparer.Ordinal)
    {
        ["F64"] = (ScalarType.Float64, 8),
        ["F32"] = (ScalarType.Float32, 4),
        ["I64"] = (ScalarType.Int64, 8),
        ["BOOL"] = (ScalarType.Bool, 1),
    };

    /// <summary>Reads a case file and checks it belongs to <paramref name="kata"/>.</summary>
    /// <exception cref="CaseFileException">The file is unreadable, malformed, or for another kata.</exception>
    public static KataCase Read(string path, string kata, bool hidden = true)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CaseFileException(path, "it cannot be read (" + ex.Message + ")", ex);
        }
        var (metadata, entries) = ParseHeader(path, bytes);

        string fileKata = metadata.TryGetValue("kata", out var k) ? k : throw new CaseFileException(path,
            "its __metadata__ has no \"kata\" key; every case file names the kata it belongs to");
        if (!string.Equals(fileKata, kata, StringComparison.Ordinal))
        {
            throw new CaseFileException(path, $"it is a case for kata '{fileKata}', not '{kata}'");
        }
        JsonObject args;
        try
        {
            args = metadata.TryGetValue("args", out var a) ? JsonNode.Parse(a) as JsonObject
                ?? throw new CaseFileException(path, "its \"args\" metadata is not a JSON object") : [];
        }
        catch (JsonException ex)
        {
            throw new CaseFileException(path, "its \"args\" metadata is not valid JSON (" + ex.Message + ")", ex);
        }
        Tolerance? tolerance = null;
        if (metadata.ContainsKey("atol") || metadata.ContainsKey("rtol"))
        {
            tolerance = new Tolerance(ParseDouble(path, metadata, "atol"), ParseDouble(path, metadata, "rtol"));
        }

        Dictionary<string, Tensor> loaded;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            loaded = Safetensors.LoadStateDict(stream);
        }
        catch (Exception ex) when (ex is not CaseFileException)
        {
            throw new CaseFileException(path, "its tensors cannot be loaded (" + ex.Message + ")", ex);
        }

        var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var expected = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, entry) in entries)
        {
            // PyBridge loads 0-d tensors as shape [1]; restore the shape the header declares.
            var tensor = loaded[name].reshape(entry.Shape);
            if (name.StartsWith("in.", StringComparison.Ordinal))
            {
                inputs[name[3..]] = tensor;
            }
            else
            {
                expected[name] = tensor;
            }
        }
        if (expected.Count == 0)
        {
            throw new CaseFileException(path, "it has no expected output (a tensor named 'out' or 'out.<name>')");
        }
        return new KataCase(System.IO.Path.GetFileNameWithoutExtension(path), inputs, args, expected)
        {
            Source = path,
            Hidden = hidden,
            Entry = metadata.GetValueOrDefault("entry"),
            Note = metadata.GetValueOrDefault("note"),
            ToleranceOverride = tolerance,
        };
    }

    /// <summary>Reads every case file in <paramref name="directory"/>, in file-name order.</summary>
    public static IEnumerable<string> List(string directory) => Directory.Exists(directory)
        ? Directory.EnumerateFiles(directory, "*" + Extension).Order(StringComparer.Ordinal)
        : [];

    /// <summary>Writes a case file: tensors by full name (<c>in.x</c>, <c>out</c>, …) and the metadata keys.</summary>
    public static void Write(string path, string kata, IReadOnlyDictionary<string, Tensor> tensors, JsonObject args,
        IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(args);
        using var ms = new MemoryStream();
        Safetensors.SaveStateDict(ms, tensors.ToDictionary(kv => kv.Key, kv => kv.Value.contiguous()), leaveOpen: true);
        byte[] body = ms.ToArray();
        long headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(body);
        var header = JsonNode.Parse(Encoding.UTF8.GetString(body, 8, (int)headerLength))!.AsObject();
        var metadata = new JsonObject { ["kata"] = kata, ["args"] = args.ToJsonString() };
        foreach (var (key, value) in extraMetadata ?? new Dictionary<string, string>())
        {
            metadata[key] = value;
        }
        // 0-d tensors: write the scalar shape [] that the format and DESIGN.md specify.
        foreach (var (name, tensor) in tensors)
        {
            if (tensor.dim() == 0 && header[name] is JsonObject entry)
            {
                entry["shape"] = new JsonArray();
            }
        }
        header.Remove("__metadata__");
        var ordered = new JsonObject { ["__metadata__"] = metadata };
        foreach (var (key, value) in header.ToList())
        {
            header.Remove(key);
            ordered[key] = value;
        }
        byte[] json = Encoding.UTF8.GetBytes(ordered.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        using var file = File.Create(path);
        Span<byte> len = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)padded);
        file.Write(len);
        file.Write(json);
        for (int i = json.Length; i < padded; i++)
        {
            file.WriteByte((byte)' ');
        }
        file.Write(body.AsSpan(8 + (int)headerLength));
    }

    private static double ParseDouble(string path, Dictionary<string, string> metadata, string key)
    {
        if (!metadata.TryGetValue(key, out var s))
        {
            return 0;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v
            : throw new CaseFileException(path, $"its \"{key}\" metadata is \"{s}\", not a non-negative number");
    }

    private sealed record Entry(ScalarType Type, long[] Shape);

    private static (Dictionary<string, string> Metadata, List<(string Name, Entry Entry)> Entries) ParseHeader(
        string path, byte[] bytes)
    {
        if (bytes.Length < 8)
        {
            throw new CaseFileException(path, $"it is {bytes.Length} bytes long, too short for a safetensors file");
        }
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength == 0 || headerLength > (ulong)(bytes.Length - 8))
        {
            throw new CaseFileException(path, string.Create(CultureInfo.InvariantCulture,
                $"its header length is {headerLength} bytes but the file has {bytes.Length - 8} after it; it is not a safetensors file or it is truncated"));
        }
        JsonObject header;
        try
        {
            header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength)) as JsonObject
                ?? throw new CaseFileException(path, "its header is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new CaseFileException(path, "its header is not valid JSON (" + ex.Message + ")", ex);
        }
        long dataLength = bytes.Length - 8 - (long)headerLength;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<(string, Entry)>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                if (node is not JsonObject meta)
                {
                    throw new CaseFileException(path, "its __metadata__ is not a JSON object of strings");
                }
                foreach (var (key, value) in meta)
                {
                    metadata[key] = value is JsonValue v && v.TryGetValue<string>(out var s)
                        ? s
                        : throw new CaseFileException(path, $"its __metadata__ value for \"{key}\" is not a string");
                }
                continue;
            }
            if (!(name.StartsWith("in.", StringComparison.Ordinal) || name == "out"
                  || name.StartsWith("out.", StringComparison.Ordinal) || name.StartsWith("grad.", StringComparison.Ordinal)))
            {
                throw new CaseFileException(path,
                    $"it has a tensor named '{name}'; names must be 'in.<param>', 'out', 'out.<name>' or 'grad.<param>'");
            }
            if (node is not JsonObject e || e["dtype"]?.GetValue<string>() is not { } dtype
                || e["shape"] is not JsonArray shapeNode || e["data_offsets"] is not JsonArray offsets || offsets.Count != 2)
            {
                throw new CaseFileException(path, $"the header entry of '{name}' needs dtype, shape and data_offsets");
            }
            if (!DTypes.TryGetValue(dtype, out var dt))
            {
                throw new CaseFileException(path,
                    $"'{name}' has dtype {dtype}; case files use {string.Join(", ", DTypes.Keys)}");
            }
            long[] shape = shapeNode.Select(n => n!.GetValue<long>()).ToArray();
            long begin = offsets[0]!.GetValue<long>(), end = offsets[1]!.GetValue<long>();
            long count = shape.Aggregate(1L, (x, y) => x * y);
            if (shape.Any(s => s < 0) || begin < 0 || end > dataLength || end - begin != count * dt.Size)
            {
                throw new CaseFileException(path, string.Create(CultureInfo.InvariantCulture,
                    $"'{name}' ({dtype} [{string.Join(",", shape)}]) has data offsets [{begin}, {end}] that do not fit its size or the file; the file is truncated or corrupt"));
            }
            entries.Add((name, new Entry(dt.Type, shape)));
        }
        return (metadata, entries);
    }
}
