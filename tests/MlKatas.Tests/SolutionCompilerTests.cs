using MlKatas.Grading;
using MlKatas.Grading.Compilation;

namespace MlKatas.Tests;

public sealed class SolutionCompilerTests : IDisposable
{
    private readonly TempDir dir = new();
    private static string Usings => RepoLayout.Current.GlobalUsingsPath;

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Compiles_a_file_with_the_katas_global_usings()
    {
        string path = dir.File("Solution.cs", """
            namespace MlKatas.Katas;
            public static class Twice
            {
                public static Tensor Of(Tensor x) => x * 2;
                public static List<int> Ints() => Enumerable.Range(0, 3).ToList();
            }
            """);
        var outcome = SolutionCompiler.Compile(path, Usings, "test");
        outcome.Errors.Should().BeEmpty();
        outcome.Solution!.Assembly.GetType("MlKatas.Katas.Twice").Should().NotBeNull();
    }

    [Fact]
    public void Errors_carry_file_line_and_column()
    {
        string path = dir.File("Broken.cs", "namespace MlKatas.Katas;\npublic static class Broken\n{\n    public static int F() => undefinedName;\n}\n");
        var outcome = SolutionCompiler.Compile(path, Usings, "test");
        outcome.Succeeded.Should().BeFalse();
        var error = outcome.Errors.Should().ContainSingle().Subject;
        error.Line.Should().Be(4);
        error.Column.Should().Be(30);
        error.Id.Should().Be("CS0103");
        error.ToString().Should().EndWith("Broken.cs(4,30): error CS0103: The name 'undefinedName' does not exist in the current context");
    }

    [Fact]
    public void The_disk_cache_serves_a_second_process_and_survives_a_damaged_entry()
    {
        // A grading worker finds what the runner compiled (IsolatedGrading precompiles) and never starts Roslyn.
        string cache = Path.Combine(dir.Path, "cache");
        string path = dir.File("Cached.cs", "namespace MlKatas.Katas;\npublic static class Cached { public static int F() => 1; }\n");
        SolutionCompiler.Compile(path, Usings, "cached", cache).Succeeded.Should().BeTrue();
        var entry = Directory.GetFiles(cache, "*.dll").Should().ContainSingle().Subject;
        File.Exists(Path.ChangeExtension(entry, ".pdb")).Should().BeTrue();

        // Proof that the second compilation is read from disk: swap in another solution's image under the same key.
        string other = dir.File("Other.cs", "namespace MlKatas.Katas;\npublic static class Other { public static int F() => 2; }\n");
        string otherCache = Path.Combine(dir.Path, "other");
        SolutionCompiler.Compile(other, Usings, "other", otherCache).Succeeded.Should().BeTrue();
        File.Copy(Directory.GetFiles(otherCache, "*.dll").Single(), entry, overwrite: true);
        SolutionCompiler.Compile(path, Usings, "cached", cache).Solution!.Assembly.GetType("MlKatas.Katas.Other")
            .Should().NotBeNull("the entry on disk is used, not compiled again");

        // A damaged entry is compiled again and rewritten.
        File.WriteAllText(entry, "not an assembly");
        var again = SolutionCompiler.Compile(path, Usings, "cached", cache);
        again.Solution!.Assembly.GetType("MlKatas.Katas.Cached").Should().NotBeNull();
        SolutionCompiler.Compile(path, Usings, "cached", cache).Solution!.Assembly.GetType("MlKatas.Katas.Cached").Should().NotBeNull();
    }

    [Fact]
    public void Compile_errors_are_cached_too_and_a_changed_file_is_a_new_entry()
    {
        string cache = Path.Combine(dir.Path, "cache");
        string path = dir.File("Broken.cs", "namespace MlKatas.Katas;\npublic static class Broken { public static int F() => nope; }\n");
        var first = SolutionCompiler.Compile(path, Usings, "broken", cache);
        Directory.GetFiles(cache, "*.errors.json").Should().ContainSingle();
        SolutionCompiler.Compile(path, Usings, "broken", cache).Errors.Should().Equal(first.Errors);

        File.WriteAllText(path, "namespace MlKatas.Katas;\npublic static class Broken { public static int F() => 3; }\n");
        SolutionCompiler.Compile(path, Usings, "broken", cache).Succeeded.Should().BeTrue("the key includes the source");
    }

    [Fact]
    public void Solutions_cannot_reference_the_grading_library()
    {
        string path = dir.File("Cheat.cs", "namespace MlKatas.Katas;\npublic static class Cheat { public static object F() => MlKatas.Grading.RepoLayout.Current; }\n");
        SolutionCompiler.Compile(path, Usings, "test").Errors.Should().ContainSingle(e => e.Id == "CS0234");
    }
}

public sealed class ForbiddenApiScannerTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private IReadOnlyList<ForbiddenApiUse> Scan(string body, params ForbiddenApi[] kataRules)
    {
        string path = dir.File($"S{Guid.NewGuid():N}.cs", "namespace MlKatas.Katas;\npublic static class S\n{\n" + body + "\n}\n");
        var outcome = SolutionCompiler.Compile(path, RepoLayout.Current.GlobalUsingsPath, "scan");
        outcome.Errors.Should().BeEmpty();
        return ForbiddenApiScanner.Scan(outcome.Solution!.Image, kataRules);
    }

    private static readonly ForbiddenApi Sdpa = new("TorchSharp.torch.nn.functional.scaled_dot_product_attention", "write it yourself");

    [Fact]
    public void A_plain_solution_uses_nothing_forbidden()
    {
        Scan("public static Tensor F(Tensor q) { using var s = torch.NewDisposeScope(); return q.softmax(-1).sum(dim: 0).MoveToOuterDisposeScope(); }", Sdpa)
            .Should().BeEmpty();
    }

    [Fact]
    public void A_kata_forbidden_call_is_found_however_it_is_spelled()
    {
        var uses = Scan("public static Tensor F(Tensor q) => nn.functional.scaled_dot_product_attention(q, q, q, is_casual: true);", Sdpa);
        uses.Should().ContainSingle().Which.ToString().Should().Be(
            "TorchSharp.torch.nn.functional.scaled_dot_product_attention is not allowed: write it yourself");
    }

    [Fact]
    public void Forbidden_names_in_comments_and_strings_do_not_count()
    {
        Scan("// scaled_dot_product_attention\npublic static string F() => \"System.IO.File.ReadAllText\";", Sdpa).Should().BeEmpty();
    }

    [Theory]
    [InlineData("public static string F() => System.IO.File.ReadAllText(\"graders/k-means/cases/01.safetensors\");", "System.IO.File")]
    [InlineData("public static string? F() => System.Environment.GetEnvironmentVariable(\"HOME\");", "System.Environment")]
    [InlineData("public static int F() => System.Environment.ProcessorCount;", "System.Environment")]
    [InlineData("public static object? F() => typeof(S).Assembly.GetType(\"X\");", "System.Reflection")]
    [InlineData("public static void F() => System.Diagnostics.Process.Start(\"sh\");", "System.Diagnostics.Process")]
    [InlineData("public static object F() => new System.Net.Http.HttpClient();", "System.Net")]
    [InlineData("public static void F() => torch.set_num_threads(1);", "TorchSharp.torch.set_num_threads")]
    [InlineData("public static long F() => System.Diagnostics.Stopwatch.GetTimestamp();", "System.Diagnostics.Stopwatch")]
    public void Global_deny_list_catches_escapes(string body, string api)
    {
        Scan(body).Should().Contain(u => u.Api == api);
    }

    [Theory]
    [InlineData("public static void F() => System.Environment.Exit(3);")]
    [InlineData("public static void F() => System.Environment.FailFast(\"gave up\");")]
    public void Ending_the_process_is_not_a_forbidden_api_but_a_crash_the_worker_reports(string body)
    {
        Scan(body).Should().BeEmpty("Environment.Exit/FailFast are RuntimeErrors, reported by the grading process");
    }

    [Fact]
    public void An_iterator_is_not_a_forbidden_api()
    {
        // The compiler's iterator state machine reads Environment.CurrentManagedThreadId; a learner's `yield return`
        // was ForbiddenApi (seen in a bpe-tokenizer control) until that getter was excepted.
        Scan("public static IEnumerable<int> F(int n) { for (int i = 0; i < n; i++) { yield return i; } }").Should().BeEmpty();
    }

    [Fact]
    public void PInvoke_declarations_are_forbidden()
    {
        string path = dir.File("P.cs", "namespace MlKatas.Katas;\npublic static class P\n{\n    [System.Runtime.InteropServices.DllImport(\"libc\")] public static extern int getpid();\n}\n");
        var outcome = SolutionCompiler.Compile(path, RepoLayout.Current.GlobalUsingsPath, "scan");
        ForbiddenApiScanner.Scan(outcome.Solution!.Image, []).Should().Contain(u => u.Api == "DllImport");
    }
}
