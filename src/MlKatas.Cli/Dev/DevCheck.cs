using System.Globalization;
using MlKatas.Graders;
using MlKatas.Grading;

namespace MlKatas.Cli.Dev;

/// <summary>One finding of <c>mlkatas dev check</c>: a named check on a kata, whether it holds, and why not.</summary>
public sealed record DevFinding(string Kata, string Check, bool Ok, string Detail = "")
{
    /// <summary>A finding that holds.</summary>
    public static DevFinding Pass(string kata, string check, string detail = "") => new(kata, check, true, detail);
}

/// <summary>What grading a mutant gave, against what its first line expects.</summary>
public sealed record MutantOutcome(string Kata, string Mutant, Verdict Expected, KataResult Result)
{
    /// <summary>The verdict the grader gave.</summary>
    public Verdict Got => Result.Verdict;

    /// <summary>Whether the grader gave the expected verdict.</summary>
    public bool Ok => Expected == Got;

    /// <summary>The grading report a learner would see.</summary>
    public string Report => ResultText.Render(Result);
}

/// <summary>One timed file's gradings in <c>dev calibrate</c>: verdicts, speed ratios and complexity slopes.</summary>
public sealed record CalibrationRow(string Kata, string File, Verdict Expected, IReadOnlyList<KataResult> Results)
{
    /// <summary>Whether every grading gave the expected verdict.</summary>
    public bool Ok => Results.All(r => r.Verdict == Expected);

    /// <summary>The verdicts got, with counts ("Passed ×3", "TooSlow ×2, Passed ×1").</summary>
    public string Verdicts => string.Join(", ", Results.GroupBy(r => r.Verdict).OrderByDescending(g => g.Count())
        .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} ×{g.Count()}")));

    /// <summary>The speed ratios measured (median per grading), sorted; empty when the grading stopped before timing.</summary>
    public IReadOnlyList<double> Ratios => Results.Where(r => r.Timing is not null).Select(r => r.Timing!.Ratio).Order().ToList();

    /// <summary>The budget the ratios were held against.</summary>
    public double? Budget => Results.FirstOrDefault(r => r.Timing is not null)?.Timing!.Budget;

    /// <summary>The complexity slopes measured (solution, and the reference's beside it), where the kata declares a probe.</summary>
    public IReadOnlyList<(double Slope, double Reference)> Slopes => Results.Where(r => r.Complexity is not null)
        .Select(r => (r.Complexity!.Slope, r.Complexity.ReferenceSlope)).ToList();
}

/// <summary>
/// The grader self-checks of rustlings' <c>dev check</c>, shared by <c>mlkatas dev check</c> and the test suite: for
/// every kata the metadata is complete, the statement quotes the grader's numbers, the golden cases are there and load,
/// the stub is NotAttempted, the reference passes (timing included — its golden cases are the drift guard), every mutant
/// gets the verdict its first line names, and no stray files lie around.
/// </summary>
public sealed class DevCheck(RepoLayout layout)
{
    /// <summary>The mutants every kata must have besides its own plausible ones.</summary>
    public static readonly IReadOnlyList<string> UniversalMutants = ["ReturnsZeros", "EchoesInput", "RandomOfRightShape"];

    private const string ExpectPrefix = "// Expect: ";

    /// <summary>
    /// The seed of every self-check grading in this process (each report prints it; <c>check --seed N</c> replays it).
    /// One seed per run, and the cases kept in memory (<see cref="GradeOptions.CacheCases"/>): a kata's stub, reference
    /// and every mutant are graded on the same hidden random cases, drawn and solved by the reference once instead of
    /// once per mutant, and its golden files are read once. Each run still draws fresh cases.
    /// </summary>
    public static int RunSeed { get; } = int.TryParse(Environment.GetEnvironmentVariable("MLKATAS_DEV_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
        ? seed : System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);

    private static GradeOptions SelfCheckOptions(bool timing) => new() { Timing = timing, Seed = RunSeed, CacheCases = true };

    /// <summary>The checkout.</summary>
    public RepoLayout Layout { get; } = layout;

    /// <summary>Folder of <paramref name="slug"/>'s mutants: tests/MlKatas.Tests/Mutants/&lt;slug&gt;.</summary>
    public string MutantDir(string slug) => Path.Combine(Layout.Root, "tests", "MlKatas.Tests", "Mutants", slug);

    /// <summary>The mutant files of <paramref name="slug"/>, in name order.</summary>
    public IReadOnlyList<string> MutantFiles(string slug) => Directory.Exists(MutantDir(slug))
        ? Directory.EnumerateFiles(MutantDir(slug), "*.cs").Order(StringComparer.Ordinal).ToList()
        : [];

    /// <summary>The verdict a mutant's first line (<c>// Expect: &lt;Verdict&gt;</c>) names.</summary>
    /// <exception cref="FormatException">The first line does not name a verdict.</exception>
    public static Verdict ExpectedVerdict(string file)
    {
        string first = File.ReadLines(file).FirstOrDefault() ?? "";
        if (!first.StartsWith(ExpectPrefix, StringComparison.Ordinal)
            || !Enum.TryParse<Verdict>(first[ExpectPrefix.Length..].Trim(), out var verdict))
        {
            throw new FormatException($"{RepoLayout.Relative(file)} must start with '{ExpectPrefix}<Verdict>' " +
                $"(one of {string.Join(", ", Enum.GetNames<Verdict>())}); it starts with '{first}'.");
        }
        return verdict;
    }

    /// <summary>
    /// Grades a mutant in this process. Controls (<c>Expect: Passed</c>) and speed mutants are graded with timing, so the
    /// controls prove the speed budget is not tighter than the statement promises.
    /// </summary>
    public static MutantOutcome GradeMutant(KataGrader grader, string file)
    {
        ArgumentNullException.ThrowIfNull(grader);
        var expected = ExpectedVerdict(file);
        var result = grader.Grade(file, SelfCheckOptions(IsTimed(expected)));
        return new MutantOutcome(grader.Spec.Slug, Path.GetFileNameWithoutExtension(file), expected, result);
    }

    /// <summary>Whether a mutant expecting <paramref name="expected"/> is graded with timing (controls and speed mutants).</summary>
    public static bool IsTimed(Verdict expected) => expected is Verdict.TooSlow or Verdict.WrongComplexity or Verdict.Passed;

    /// <summary>
    /// What a sweep expects of a file graded without timing: its own verdict, or Passed for the controls and the speed
    /// mutants (correct but slow — correctness is all a sweep grades).
    /// </summary>
    public static Verdict UntimedVerdict(Verdict expected) => IsTimed(expected) ? Verdict.Passed : expected;

    /// <summary>
    /// Grades each of <paramref name="files"/> (path and the untimed verdict it must get) at every one of
    /// <paramref name="seeds"/>, without timing, and returns the gradings that got another verdict. A random case that is
    /// not well posed — a correct solution judged wrong on a draw where the answer hangs on rounding, or a mistake that
    /// a draw happens not to expose — shows up only at some seeds; the self-checks draw one seed per run, so such a case
    /// is a rare CI failure (soft-margin-svm, 2026-11-27: 3 seeds in 300). A sweep finds it before CI does.
    /// </summary>
    public static IReadOnlyList<MutantOutcome> Sweep(KataGrader grader, IReadOnlyList<(string File, Verdict Expected)> files,
        IEnumerable<int> seeds, Action<int>? onSeedDone = null)
    {
        ArgumentNullException.ThrowIfNull(grader);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(seeds);
        var mismatches = new List<MutantOutcome>();
        foreach (int seed in seeds)
        {
            foreach (var (file, expected) in files)
            {
                var result = grader.Grade(file, new GradeOptions { Timing = false, Seed = seed, CacheCases = true });
                if (result.Verdict != expected)
                {
                    mismatches.Add(new MutantOutcome(grader.Spec.Slug, Path.GetFileNameWithoutExtension(file), expected, result));
                }
            }
            onSeedDone?.Invoke(seed);
        }
        return mismatches;
    }

    /// <summary>The files a sweep of <paramref name="grader"/> grades: the reference (Passed) and every mutant (its untimed verdict).</summary>
    public IReadOnlyList<(string File, Verdict Expected)> SweepFiles(KataGrader grader)
    {
        ArgumentNullException.ThrowIfNull(grader);
        return [(grader.Layout.ReferencePath(grader.Spec.Slug), Verdict.Passed),
            .. MutantFiles(grader.Spec.Slug).Select(f => (f, UntimedVerdict(ExpectedVerdict(f))))];
    }

    /// <summary>
    /// The timed files of <paramref name="grader"/> — the reference, the controls and the speed mutants — each graded
    /// <paramref name="runs"/> times with timing at fresh seeds, as <c>dev check</c> grades them once: what a kata author
    /// sets a speed budget or a complexity limit from (the measured ratios and slopes, not one run's verdict).
    /// </summary>
    public IReadOnlyList<CalibrationRow> Calibrate(KataGrader grader, int runs, Action<string>? onFile = null)
    {
        ArgumentNullException.ThrowIfNull(grader);
        string slug = grader.Spec.Slug;
        var files = new List<(string File, Verdict Expected)> { (grader.Layout.ReferencePath(slug), Verdict.Passed) };
        files.AddRange(MutantFiles(slug).Select(f => (f, ExpectedVerdict(f))).Where(f => IsTimed(f.Item2)));
        var rows = new List<CalibrationRow>();
        foreach (var (file, expected) in files)
        {
            onFile?.Invoke(Path.GetFileNameWithoutExtension(file));
            var results = Enumerable.Range(0, runs)
                .Select(_ => grader.Grade(file, new GradeOptions { Timing = true, CacheCases = true }))
                .ToList();
            rows.Add(new CalibrationRow(slug, Path.GetFileNameWithoutExtension(file), expected, results));
        }
        return rows;
    }

    /// <summary>The reference, graded with timing against itself, must pass every golden and random case.</summary>
    public static (DevFinding Finding, KataResult Result) ReferencePasses(KataGrader grader)
    {
        ArgumentNullException.ThrowIfNull(grader);
        var result = grader.Grade(grader.Layout.ReferencePath(grader.Spec.Slug), SelfCheckOptions(timing: true));
        string slug = grader.Spec.Slug;
        int minimum = 8 + grader.Spec.RandomCases;
        var finding = result.Verdict != Verdict.Passed ? new DevFinding(slug, "reference passes", false, result.Summary)
            : result.Cases.Count < minimum ? new DevFinding(slug, "reference passes", false, $"only {result.Cases.Count} cases were graded; at least {minimum} (8 golden + {grader.Spec.RandomCases} random) are required")
            : result.Timing is null ? new DevFinding(slug, "reference passes", false, "no timing was measured")
            : DevFinding.Pass(slug, "reference passes", string.Create(CultureInfo.InvariantCulture, $"{result.Cases.Count} cases, {result.Timing.Ratio:0.00}× itself (budget {result.Timing.Budget:0.#}×)"));
        return (finding, result);
    }

    /// <summary>The pristine stub (graders/&lt;slug&gt;/Stub.cs) must be NotAttempted, and grading must leave it unchanged.</summary>
    public static (DevFinding Finding, KataResult Result) StubIsNotAttempted(KataGrader grader)
    {
        ArgumentNullException.ThrowIfNull(grader);
        string slug = grader.Spec.Slug;
        string stub = grader.Layout.StubPath(slug);
        string before = File.ReadAllText(stub);
        var result = grader.Grade(stub, SelfCheckOptions(timing: true));
        var finding = result.Verdict != Verdict.NotAttempted ? new DevFinding(slug, "stub is NotAttempted", false, result.Summary)
            : File.ReadAllText(stub) != before ? new DevFinding(slug, "stub is NotAttempted", false, "grading changed the stub")
            : DevFinding.Pass(slug, "stub is NotAttempted");
        return (finding, result);
    }

    /// <summary>Every check that needs no grading: metadata, statement, golden cases, mutant set, the learner's copy, stray files.</summary>
    public IReadOnlyList<DevFinding> StaticChecks(KataGrader grader, bool requirePristineCopy)
    {
        ArgumentNullException.ThrowIfNull(grader);
        string slug = grader.Spec.Slug;
        return
        [
            Metadata(grader),
            Statement(grader),
            GoldenCases(grader),
            Mutants(slug),
            LearnersCopy(slug, requirePristineCopy),
            StrayFiles(slug),
        ];
    }

    private DevFinding Metadata(KataGrader grader)
    {
        string slug = grader.Spec.Slug;
        const string check = "metadata complete";
        KataInfo info;
        try
        {
            info = Catalog.Load(Layout).Katas.FirstOrDefault(k => k.Slug == slug)
                ?? throw new UserErrorException($"katas/{slug}/kata.json is missing");
        }
        catch (UserErrorException ex)
        {
            return new DevFinding(slug, check, false, ex.Message);
        }
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(info.Title)) { problems.Add("no title"); }
        if (string.IsNullOrWhiteSpace(info.Topic)) { problems.Add("no topic"); }
        if (info.Difficulty is not ("easy" or "medium" or "hard")) { problems.Add($"difficulty '{info.Difficulty}' is not easy, medium or hard"); }
        if (info.Minutes <= 0) { problems.Add("minutes must be positive"); }
        if (info.Hints.Count != 3 || info.Hints.Any(string.IsNullOrWhiteSpace)) { problems.Add($"{info.Hints.Count} hints; exactly 3 non-empty ones (nudge, approach, near-solution) are required"); }
        if (!info.EntryPoints.SequenceEqual(grader.Spec.EntryPoints)) { problems.Add($"entryPoints [{string.Join(", ", info.EntryPoints)}] differ from the grader's [{string.Join(", ", grader.Spec.EntryPoints)}]"); }
        return problems.Count == 0 ? DevFinding.Pass(slug, check) : new DevFinding(slug, check, false, string.Join("; ", problems));
    }

    private DevFinding Statement(KataGrader grader)
    {
        var spec = grader.Spec;
        const string check = "statement quotes the grader";
        string path = Layout.StatementPath(spec.Slug);
        if (!File.Exists(path))
        {
            return new DevFinding(spec.Slug, check, false, $"katas/{spec.Slug}/README.md is missing");
        }
        string text = File.ReadAllText(path);
        var quoted = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{spec.SpeedBudget:0.#}× the reference"), Sci(spec.Tolerance.Atol), Sci(spec.Tolerance.Rtol) };
        if (spec.Float32Tolerance is { } float32)
        {
            quoted.AddRange([Sci(float32.Atol), Sci(float32.Rtol)]);
        }
        var missing = quoted.Where(s => !text.Contains(s, StringComparison.Ordinal)).ToList();
        return missing.Count == 0 ? DevFinding.Pass(spec.Slug, check)
            : new DevFinding(spec.Slug, check, false, $"the statement does not quote {string.Join(", ", missing.Select(m => $"'{m}'"))} (the grader's speed budget and tolerance are defined once, in the grader)");
    }

    /// <summary>A tolerance as statements write it: 1e-9.</summary>
    public static string Sci(double v) =>
        v.ToString("0e0", CultureInfo.InvariantCulture).Replace("e-0", "e-", StringComparison.Ordinal);

    private DevFinding GoldenCases(KataGrader grader)
    {
        string slug = grader.Spec.Slug;
        const string check = "golden cases";
        var files = grader.GoldenCaseFiles().ToList();
        var problems = new List<string>();
        if (files.Count < 8) { problems.Add($"{files.Count} golden cases; at least 8 are required"); }
        foreach (var f in files)
        {
            try
            {
                using var c = CaseFile.Read(f, slug);
                if (string.IsNullOrWhiteSpace(c.Note)) { problems.Add($"{Path.GetFileName(f)} has no note saying what it covers"); }
            }
            catch (CaseFileException ex)
            {
                problems.Add(ex.Message);
            }
        }
        if (!File.Exists(Path.Combine(Layout.GraderDir(slug), "generate_cases.py"))) { problems.Add("no generate_cases.py beside the cases"); }
        return problems.Count == 0 ? DevFinding.Pass(slug, check, $"{files.Count} files") : new DevFinding(slug, check, false, string.Join("; ", problems));
    }

    private DevFinding Mutants(string slug)
    {
        const string check = "mutant set";
        var names = new List<string>();
        foreach (var file in MutantFiles(slug))
        {
            try
            {
                if (ExpectedVerdict(file) != Verdict.Passed)
                {
                    names.Add(Path.GetFileNameWithoutExtension(file));
                }
            }
            catch (FormatException ex)
            {
                return new DevFinding(slug, check, false, ex.Message);
            }
        }
        var missing = UniversalMutants.Except(names).ToList();
        int own = names.Except(UniversalMutants).Count();
        var problems = new List<string>();
        if (missing.Count > 0) { problems.Add($"missing the universal mutants {string.Join(", ", missing)}"); }
        if (own < 3) { problems.Add($"{own} kata-specific mutants; at least 3 plausible interview mistakes are required"); }
        return problems.Count == 0 ? DevFinding.Pass(slug, check, $"{own} plausible + {UniversalMutants.Count} universal")
            : new DevFinding(slug, check, false, string.Join("; ", problems));
    }

    private DevFinding LearnersCopy(string slug, bool require)
    {
        const string check = "katas/ ships the stub";
        string copy = Layout.SolutionPath(slug), stub = Layout.StubPath(slug);
        if (!File.Exists(copy) || !File.Exists(stub))
        {
            return new DevFinding(slug, check, false, $"{(File.Exists(copy) ? "graders/" + slug + "/Stub.cs" : "katas/" + slug + "/Solution.cs")} is missing");
        }
        if (File.ReadAllText(copy) == File.ReadAllText(stub))
        {
            return DevFinding.Pass(slug, check);
        }
        return require
            ? new DevFinding(slug, check, false, $"katas/{slug}/Solution.cs differs from graders/{slug}/Stub.cs; a fresh clone must ship the stub `mlkatas reset` restores")
            : DevFinding.Pass(slug, check, "your edited copy (not required outside CI)");
    }

    private static readonly string[] KataFiles = ["README.md", "Solution.cs", "kata.json"];

    private DevFinding StrayFiles(string slug)
    {
        const string check = "no stray files";
        var stray = new List<string>();
        string kataDir = Layout.KataDir(slug), graderDir = Layout.GraderDir(slug);
        if (Directory.Exists(kataDir))
        {
            stray.AddRange(Directory.EnumerateFileSystemEntries(kataDir)
                .Where(p => !KataFiles.Contains(Path.GetFileName(p)) && Path.GetFileName(p) != ".backups"));
        }
        if (Directory.Exists(graderDir))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(graderDir))
            {
                string name = Path.GetFileName(entry);
                bool ok = name is "Reference.cs" or "Stub.cs" or "generate_cases.py" or "cases" or "__pycache__"
                    || (name.EndsWith("Grader.cs", StringComparison.Ordinal) && File.Exists(entry));
                if (!ok)
                {
                    stray.Add(entry);
                }
            }
            string cases = Layout.CasesDir(slug);
            if (Directory.Exists(cases))
            {
                stray.AddRange(Directory.EnumerateFileSystemEntries(cases).Where(p => !p.EndsWith(".safetensors", StringComparison.Ordinal)));
            }
        }
        if (Directory.Exists(MutantDir(slug)))
        {
            stray.AddRange(Directory.EnumerateFileSystemEntries(MutantDir(slug)).Where(p => !p.EndsWith(".cs", StringComparison.Ordinal)));
        }
        return stray.Count == 0 ? DevFinding.Pass(slug, check)
            : new DevFinding(slug, check, false, "not part of a kata: " + string.Join(", ", stray.Select(Layout.RelativePath)));
    }

    /// <summary>Kata folders without a grader and grader folders without a kata.</summary>
    public IReadOnlyList<DevFinding> CatalogueChecks()
    {
        var graded = KataCatalog.All.Select(g => g.Spec.Slug).ToHashSet(StringComparer.Ordinal);
        var findings = new List<DevFinding>();
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(Layout.Root, "katas")))
        {
            string name = Path.GetFileName(dir);
            if (File.Exists(Path.Combine(dir, "kata.json")) && !graded.Contains(name))
            {
                findings.Add(new DevFinding(name, "has a grader", false, $"katas/{name} has no grader registered in graders/KataCatalog.cs"));
            }
        }
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(Layout.Root, "graders")))
        {
            string name = Path.GetFileName(dir);
            if (File.Exists(Path.Combine(dir, "Reference.cs")) && !graded.Contains(name))
            {
                findings.Add(new DevFinding(name, "is registered", false, $"graders/{name} is not registered in graders/KataCatalog.cs"));
            }
        }
        return findings;
    }
}
