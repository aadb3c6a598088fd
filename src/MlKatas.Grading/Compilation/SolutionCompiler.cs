using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace MlKatas.Grading.Compilation;

/// <summary>A compiler error in a learner's file, with where it is.</summary>
public sealed record CompileDiagnostic(string File, int Line, int Column, string Id, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}({Line},{Column}): error {Id}: {Message}";
}

/// <summary>A solution file compiled on its own into a collectible assembly.</summary>
public sealed class CompiledSolution
{
    internal CompiledSolution(string sourcePath, Assembly assembly, byte[] image)
    {
        SourcePath = sourcePath;
        Assembly = assembly;
        Image = image;
    }

    /// <summary>The file that was compiled.</summary>
    public string SourcePath { get; }
    /// <summary>The loaded assembly.</summary>
    public Assembly Assembly { get; }
    /// <summary>The PE image, for the constraint scan.</summary>
    public byte[] Image { get; }
}

/// <summary>Either a compiled solution or the errors that stopped it.</summary>
public sealed record CompileOutcome(CompiledSolution? Solution, IReadOnlyList<CompileDiagnostic> Errors)
{
    /// <summary>Whether compilation succeeded.</summary>
    public bool Succeeded => Solution is not null;
}

/// <summary>
/// Compiles one kata solution file in-process with Roslyn, together with <c>katas/GlobalUsings.cs</c> — exactly what
/// the IDE project in <c>katas/</c> sees — against the .NET base library and TorchSharp only. Each kata compiles on
/// its own, so a half-written kata is a <see cref="Verdict.CompileError"/> for that kata alone.
/// </summary>
public static class SolutionCompiler
{
    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);
    private static readonly ConcurrentDictionary<string, CompileOutcome> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Compiles <paramref name="sourcePath"/> (plus <paramref name="globalUsingsPath"/> if given). Identical sources
    /// compile once per process. With a debugger attached the code is compiled unoptimised so breakpoints in the
    /// learner's file work; otherwise optimised, like the reference it is timed against.
    /// </summary>
    public static CompileOutcome Compile(string sourcePath, string? globalUsingsPath, string assemblyName)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        string source = File.ReadAllText(sourcePath);
        string usings = globalUsingsPath is not null && File.Exists(globalUsingsPath) ? File.ReadAllText(globalUsingsPath) : "";
        bool debug = System.Diagnostics.Debugger.IsAttached;
        string key = Hash(sourcePath + "\0" + source + "\0" + usings + "\0" + debug + "\0" + assemblyName);
        return Cache.GetOrAdd(key, _ => CompileCore(sourcePath, source, globalUsingsPath, usings, assemblyName, debug, key));
    }

    private static CompileOutcome CompileCore(string sourcePath, string source, string? usingsPath, string usings,
        string assemblyName, bool debug, string key)
    {
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), Parse, Path.GetFullPath(sourcePath));
        string uniqueName = assemblyName + "-" + key[..12];
        // Derived from a cached template: Roslyn then reuses the template's bound references (the ~170 assemblies of
        // the base library and TorchSharp) and its parsed global usings, instead of binding them again for each save.
        var compilation = Template(usingsPath, usings, debug).AddSyntaxTrees(tree).WithAssemblyName(uniqueName);
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        EmitResult result = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        if (!result.Success)
        {
            var errors = result.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(ToDiagnostic)
                .ToList();
            return new CompileOutcome(null, errors);
        }
        byte[] image = pe.ToArray();
        var context = new AssemblyLoadContext(uniqueName, isCollectible: true);
        pe.Position = 0;
        pdb.Position = 0;
        var assembly = context.LoadFromStream(pe, pdb);
        return new CompileOutcome(new CompiledSolution(sourcePath, assembly, image), []);
    }

    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);
    private static readonly ConcurrentDictionary<string, CSharpCompilation> Templates = new(StringComparer.Ordinal);

    /// <summary>An empty compilation with the references, options and global usings, its references already bound.</summary>
    private static CSharpCompilation Template(string? usingsPath, string usings, bool debug) =>
        Templates.GetOrAdd(Hash(usingsPath + "\0" + usings + "\0" + debug), _key =>
        {
            SyntaxTree[] trees = usings.Length > 0
                ? [CSharpSyntaxTree.ParseText(SourceText.From(usings, Encoding.UTF8), Parse, Path.GetFullPath(usingsPath!))]
                : [];
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                    optimizationLevel: debug ? OptimizationLevel.Debug : OptimizationLevel.Release,
                    nullableContextOptions: NullableContextOptions.Enable,
                    allowUnsafe: false,
                    deterministic: true)
                // Assembly-version unification notes between TorchSharp's and the runtime's references are noise here.
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                });
            var template = CSharpCompilation.Create("template", trees, References.Value, options);
            _ = template.GetDiagnostics(); // binds the references and the usings once
            return template;
        });

    private static CompileDiagnostic ToDiagnostic(Diagnostic d)
    {
        var span = d.Location.GetMappedLineSpan();
        string file = span.IsValid && !string.IsNullOrEmpty(span.Path) ? span.Path : "(unknown)";
        return new CompileDiagnostic(RepoLayout.Relative(file), span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1, d.Id, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static MetadataReference[] LoadReferences()
    {
        // The base library of the runtime we run on, and TorchSharp: the whole contract of a solution.
        string frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = Directory.EnumerateFiles(frameworkDir, "*.dll")
            .Where(p => IsManaged(p))
            .Append(typeof(TorchSharp.torch).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    private static string Hash(string s) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
