using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace MlKatas.Grading.Compilation;

/// <summary>
/// One forbidden API: a dotted name that matches a type, a namespace, or a member (nested types are dotted too,
/// so <c>TorchSharp.torch.nn.functional.scaled_dot_product_attention</c>), and why it is forbidden.
/// </summary>
public sealed record ForbiddenApi(string Name, string Why)
{
    /// <summary>
    /// Members below <see cref="Name"/> that stay allowed (e.g. <c>System.Environment.Exit</c>: ending the process is
    /// not cheating but a crash, and the grading process reports it as a <see cref="Verdict.RuntimeError"/>). When a rule
    /// has exceptions, a bare reference to the type itself is not a use: only its members are judged.
    /// </summary>
    public IReadOnlyList<string> Except { get; init; } = [];

    /// <summary>Whether <paramref name="dottedName"/> (a type or <c>Type.Member</c>) is this API or lies below it.</summary>
    public bool Matches(string dottedName)
    {
        ArgumentNullException.ThrowIfNull(dottedName);
        if (Except.Count > 0 && (dottedName == Name || Except.Any(e => dottedName == e || dottedName.StartsWith(e + ".", StringComparison.Ordinal))))
        {
            return false;
        }
        return dottedName == Name || dottedName.StartsWith(Name + ".", StringComparison.Ordinal);
    }
}

/// <summary>A use of a forbidden API found in a compiled solution.</summary>
public sealed record ForbiddenApiUse(string Api, string Reference, string Why)
{
    /// <inheritdoc />
    public override string ToString() => $"{Reference} is not allowed: {Why}";
}

/// <summary>
/// Finds forbidden APIs by reading the compiled solution's metadata (System.Reflection.Metadata), not its text: every
/// type, method or field a solution uses from another assembly appears in its TypeRef/MemberRef tables, however it
/// was spelled (aliases, <c>using static</c>, extension-method syntax), and comments or strings never do.
/// </summary>
public static class ForbiddenApiScanner
{
    /// <summary>
    /// What no solution may use, whatever the kata: a solution computes tensors from its arguments and nothing else.
    /// </summary>
    public static IReadOnlyList<ForbiddenApi> Global { get; } =
    [
        new("System.IO.File", "solutions may not touch the file system (reading reference data is cheating)"),
        new("System.IO.FileStream", "solutions may not touch the file system"),
        new("System.IO.FileInfo", "solutions may not touch the file system"),
        new("System.IO.Directory", "solutions may not touch the file system"),
        new("System.IO.DirectoryInfo", "solutions may not touch the file system"),
        new("System.IO.StreamReader", "solutions may not touch the file system"),
        new("System.IO.StreamWriter", "solutions may not touch the file system"),
        new("System.IO.Path", "solutions may not touch the file system"),
        new("System.IO.MemoryMappedFiles", "solutions may not touch the file system"),
        new("System.Net", "solutions may not use the network"),
        new("System.Diagnostics.Process", "solutions may not start processes"),
        new("System.Diagnostics.ProcessStartInfo", "solutions may not start processes"),
        new("System.Diagnostics.Stopwatch", "timing is the grader's job; a solution may not read or patch timers"),
        new("System.Reflection", "reflection could reach the grader or the reference; solutions may not use it"),
        new("System.Type.GetType", "reflection could reach the grader or the reference; solutions may not use it"),
        new("System.Type.GetMethod", "reflection could reach the grader or the reference; solutions may not use it"),
        new("System.Type.GetField", "reflection could reach the grader or the reference; solutions may not use it"),
        new("System.Type.InvokeMember", "reflection could reach the grader or the reference; solutions may not use it"),
        new("System.Activator", "reflection could reach the grader or the reference; solutions may not use it"),
        new("System.AppDomain", "solutions may not inspect or change the process"),
        new("System.AppContext", "solutions may not inspect or change the process"),
        // Environment.Exit and FailFast are not forbidden: they are crashes, and a crash is a RuntimeError that says
        // what happened (the grading process reports it); reading the environment is forbidden.
        new("System.Environment", "solutions may not read or change the environment") { Except = ["System.Environment.Exit", "System.Environment.FailFast",
            // The C# compiler's own code for every iterator (`yield return`) reads the managed thread id.
            "System.Environment.get_CurrentManagedThreadId", "System.Environment.CurrentManagedThreadId"] },
        new("System.Runtime.InteropServices.Marshal", "solutions may not call native code (P/Invoke)"),
        new("System.Runtime.InteropServices.NativeLibrary", "solutions may not call native code (P/Invoke)"),
        new("System.Runtime.InteropServices.DllImportAttribute", "solutions may not call native code (P/Invoke)"),
        new("System.Runtime.Loader", "solutions may not load assemblies"),
        new("TorchSharp.torch.save", "solutions may not touch the file system"),
        new("TorchSharp.torch.load", "solutions may not touch the file system"),
        new("TorchSharp.torch.Tensor.save", "solutions may not touch the file system"),
        new("TorchSharp.torch.Tensor.Save", "solutions may not touch the file system"),
        new("TorchSharp.torch.Tensor.Load", "solutions may not touch the file system"),
        new("TorchSharp.torch.jit", "solutions may not load TorchScript modules"),
        new("TorchSharp.torch.set_num_threads", "the grader fixes the thread count so that timing is comparable"),
        new("TorchSharp.torch.set_num_interop_threads", "the grader fixes the thread count so that timing is comparable"),
    ];

    /// <summary>Every use, in <paramref name="image"/>, of an API in <paramref name="forbidden"/> or <see cref="Global"/>.</summary>
    public static IReadOnlyList<ForbiddenApiUse> Scan(byte[] image, IEnumerable<ForbiddenApi> forbidden)
    {
        var rules = Global.Concat(forbidden).ToList();
        using var pe = new PEReader(new MemoryStream(image, writable: false));
        var md = pe.GetMetadataReader();
        var uses = new List<ForbiddenApiUse>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Check(string dotted)
        {
            foreach (var rule in rules)
            {
                if (rule.Matches(dotted) && seen.Add(dotted))
                {
                    uses.Add(new ForbiddenApiUse(rule.Name, dotted, rule.Why));
                    return;
                }
            }
        }

        foreach (var handle in md.TypeReferences)
        {
            Check(TypeName(md, handle));
        }
        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            string? parent = member.Parent.Kind switch
            {
                HandleKind.TypeReference => TypeName(md, (TypeReferenceHandle)member.Parent),
                HandleKind.TypeSpecification => GenericTypeName(md, (TypeSpecificationHandle)member.Parent),
                _ => null,
            };
            if (parent is not null)
            {
                Check(parent + "." + md.GetString(member.Name));
            }
        }
        foreach (var handle in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(handle);
            if ((method.Attributes & MethodAttributes.PinvokeImpl) != 0)
            {
                string name = md.GetString(method.Name);
                if (seen.Add("extern " + name))
                {
                    uses.Add(new ForbiddenApiUse("DllImport", $"extern method {name}",
                        "solutions may not call native code (P/Invoke)"));
                }
            }
        }
        return uses;
    }

    /// <summary>The dotted full name of a referenced type, nested types joined with '.'.</summary>
    private static string TypeName(MetadataReader md, TypeReferenceHandle handle)
    {
        var type = md.GetTypeReference(handle);
        string name = md.GetString(type.Name);
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return TypeName(md, (TypeReferenceHandle)type.ResolutionScope) + "." + name;
        }
        string ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private static string? GenericTypeName(MetadataReader md, TypeSpecificationHandle handle)
    {
        // A generic instantiation: the blob starts with GENERICINST, CLASS/VALUETYPE, then the generic type's handle.
        var blob = md.GetBlobReader(md.GetTypeSpecification(handle).Signature);
        if (blob.ReadByte() != 0x15)
        {
            return null;
        }
        blob.ReadByte();
        var generic = blob.ReadTypeHandle();
        return generic.Kind == HandleKind.TypeReference ? TypeName(md, (TypeReferenceHandle)generic) : null;
    }
}
