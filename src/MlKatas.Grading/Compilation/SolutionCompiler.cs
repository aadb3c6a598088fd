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
    private static readonly ConcurrentDictionary<string, CompileOutcome> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Environment variable naming the on-disk cache of compiled solutions (default <c>$XDG_CACHE_HOME/mlkatas/compiled</c>,
    /// else <c>~/.cache/mlkatas/compiled</c>; <c>off</c> disables it).
    /// </summary>
    public const string CacheVariable = "MLKATAS_COMPILE_CACHE";

    /// <summary>
    /// Where compiled images (and compile errors) are kept between processes, or null for no disk cache. A grading
    /// process that finds its solution and reference there never starts Roslyn, whose first compilation in a process
    /// costs seconds of JIT: the runner compiles before it starts the grading process (warm when it grades many katas),
    /// and the worker loads the image. Entries are keyed by the source, the global usings, the assembly name and the
    /// exact compiler, TorchSharp and runtime builds, so a stale entry is never used.
    /// </summary>
    public static string? CacheDirectory { get; set; } = DefaultCacheDirectory();

    /// <summary>
    /// Compiles <paramref name="sourcePath"/> (plus <paramref name="globalUsingsPath"/> if given). Identical sources
    /// compile once per process, and once per machine while <see cref="CacheDirectory"/> keeps them. With a debugger
    /// attached the code is compiled unoptimised so breakpoints in the learner's file work; otherwise optimised, like
    /// the reference it is timed against.
    /// </summary>
    public static CompileOutcome Compile(string sourcePath, string? globalUsingsPath, string assemblyName)
    {
        var (key, compile) = Prepare(sourcePath, globalUsingsPath, assemblyName);
        return Cache.GetOrAdd(key, _ => compile(CacheDirectory));
    }

    /// <summary>
    /// Compiles as <see cref="Compile(string, string?, string)"/> does, but with <paramref name="cacheDirectory"/> as the
    /// disk cache (null: none) and without the per-process memory (for tools and tests of the cache).
    /// </summary>
    public static CompileOutcome Compile(string sourcePath, string? globalUsingsPath, string assemblyName, string? cacheDirectory) =>
        Prepare(sourcePath, globalUsingsPath, assemblyName).Compile(cacheDirectory);

    private static (string Key, Func<string?, CompileOutcome> Compile) Prepare(string sourcePath, string? globalUsingsPath, string assemblyName)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        sourcePath = Path.GetFullPath(sourcePath);
        string source = File.ReadAllText(sourcePath);
        string usings = globalUsingsPath is not null && File.Exists(globalUsingsPath) ? File.ReadAllText(globalUsingsPath) : "";
        bool debug = System.Diagnostics.Debugger.IsAttached;
        string key = Hash(sourcePath + "\0" + source + "\0" + usings + "\0" + debug + "\0" + assemblyName + "\0" + BuildIdentity.Value);
        return (key, dir => FromDisk(dir, sourcePath, key) ?? ToDisk(dir, key,
            RoslynCompiler.Compile(sourcePath, source, globalUsingsPath, usings, assemblyName, debug, key)));
    }

    private static string? DefaultCacheDirectory()
    {
        string? configured = Environment.GetEnvironmentVariable(CacheVariable);
        if (configured == "off")
        {
            return null;
        }
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string? root = !string.IsNullOrEmpty(xdg) ? xdg : string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache");
        return root is null ? null : Path.Combine(root, "mlkatas", "compiled");
    }

    // The compiler, TorchSharp and runtime builds: an image compiled by another build of any of them is not reused.
    private static readonly Lazy<string> BuildIdentity = new(() => string.Join("|",
        typeof(RoslynCompiler).Assembly.ManifestModule.ModuleVersionId,
        typeof(CSharpCompilation).Assembly.ManifestModule.ModuleVersionId,
        typeof(TorchSharp.torch).Assembly.ManifestModule.ModuleVersionId,
        typeof(object).Assembly.ManifestModule.ModuleVersionId));

    private static CompileOutcome? FromDisk(string? dir, string sourcePath, string key)
    {
        if (dir is null)
        {
            return null;
        }
        string basePath = Path.Combine(dir, key[..40]);
        try
        {
            if (File.Exists(basePath + ".errors.json"))
            {
                var errors = System.Text.Json.JsonSerializer.Deserialize<List<CompileDiagnostic>>(File.ReadAllText(basePath + ".errors.json"));
                return errors is { Count: > 0 } ? new CompileOutcome(null, errors) : null;
            }
            if (!File.Exists(basePath + ".dll") || !File.Exists(basePath + ".pdb"))
            {
                return null;
            }
            byte[] image = File.ReadAllBytes(basePath + ".dll");
            byte[] symbols = File.ReadAllBytes(basePath + ".pdb");
            var loaded = new CompileOutcome(Load(sourcePath, image, symbols, key), []);
            File.SetLastWriteTimeUtc(basePath + ".dll", DateTime.UtcNow); // used: kept by the pruning
            return loaded;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or BadImageFormatException)
        {
            return null; // a damaged or half-written entry: compile again (and overwrite it)
        }
    }

    private static CompileOutcome ToDisk(string? dir, string key, (CompileOutcome Outcome, byte[]? Symbols) compiled)
    {
        if (dir is null)
        {
            return compiled.Outcome;
        }
        string basePath = Path.Combine(dir, key[..40]);
        try
        {
            Directory.CreateDirectory(dir);
            if (Pruned.TryAdd(dir, true))
            {
                Prune(dir);
            }
            if (compiled.Outcome.Solution is { } solution)
            {
                WriteAtomically(basePath + ".pdb", compiled.Symbols ?? []);
                WriteAtomically(basePath + ".dll", solution.Image);   // last: its presence means the entry is whole
            }
            else
            {
                WriteAtomically(basePath + ".errors.json", System.Text.Encoding.UTF8.GetBytes(
                    System.Text.Json.JsonSerializer.Serialize(compiled.Outcome.Errors)));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // a read-only or full disk costs the cache, never the grading
        }
        return compiled.Outcome;
    }

    private static readonly ConcurrentDictionary<string, bool> Pruned = new(StringComparer.Ordinal);

    /// <summary>
    /// Files kept (two per compiled entry, one per compile error): the newest this many. Measured 2026-11-27: one
    /// `dotnet test` of the 59-kata catalogue wrote 1,785 files; 2,447 files took 23 MB (~9.4 KB each), so this is ~56 MB.
    /// </summary>
    public const int MaxCacheEntries = 6000;

    // Once per process and folder: entries unused for two weeks go, then the oldest past MaxCacheEntries.
    private static void Prune(string dir)
    {
        var entries = new DirectoryInfo(dir).EnumerateFiles().OrderByDescending(f => f.LastWriteTimeUtc).ToList();
        var cutoff = DateTime.UtcNow - TimeSpan.FromDays(14);
        foreach (var (file, index) in entries.Select((f, i) => (f, i)))
        {
            if (index >= MaxCacheEntries || file.LastWriteTimeUtc < cutoff)
            {
                try
                {
                    file.Delete();
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        string temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    internal static CompiledSolution Load(string sourcePath, byte[] image, byte[] symbols, string key)
    {
        string uniqueName = "mlkatas-" + key[..12];
        var context = new AssemblyLoadContext(uniqueName, isCollectible: true);
        using var pe = new MemoryStream(image, writable: false);
        using var pdb = new MemoryStream(symbols, writable: false);
        var assembly = context.LoadFromStream(pe, symbols.Length > 0 ? pdb : null);
        return new CompiledSolution(sourcePath, assembly, image);
    }

    internal static string Hash(string s) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}

/// <summary>
/// Everything that touches Roslyn, apart from <see cref="SolutionCompiler"/>: a process whose compilations all come from
/// the disk cache never loads or JITs the compiler.
/// </summary>
internal static class RoslynCompiler
{
    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);
    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);
    private static readonly ConcurrentDictionary<string, CSharpCompilation> Templates = new(StringComparer.Ordinal);

    public static (CompileOutcome Outcome, byte[]? Symbols) Compile(string sourcePath, string source, string? usingsPath, string usings,
        string assemblyName, bool debug, string key)
    {
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), Parse, sourcePath);
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
            return (new CompileOutcome(null, errors), null);
        }
        byte[] symbols = pdb.ToArray();
        return (new CompileOutcome(SolutionCompiler.Load(sourcePath, pe.ToArray(), symbols, key), []), symbols);
    }

    /// <summary>An empty compilation with the references, options and global usings, its references already bound.</summary>
    private static CSharpCompilation Template(string? usingsPath, string usings, bool debug) =>
        Templates.GetOrAdd(SolutionCompiler.Hash(usingsPath + "\0" + usings + "\0" + debug), _key =>
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
}
