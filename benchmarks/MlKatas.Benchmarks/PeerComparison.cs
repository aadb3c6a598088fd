using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MlKatas.Graders;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MlKatas.Benchmarks;

/// <summary>
/// <c>peers [--python PATH] [--repeats N] [--threads 1,2] [--skip-sklearn] [--output FILE]</c>: the references against
/// their peers, side by side in one run, as a markdown table (docs/benchmarks.md):
/// <list type="bullet">
/// <item>k-means (Lloyd, n = 100k, d = 32, k = 64, 20 iterations) and logistic regression (n = 20k, d = 32, to the kata's
/// optimum) against scikit-learn on the same data (benchmarks/scripts/peers.py writes the data and times scikit-learn);</item>
/// <item>causal sliding-window attention (T = 8192, window 256, D = 64) against dense masked attention — the
/// kata's own DenseMasked mutant, and libtorch's fused scaled_dot_product_attention with the same mask; block-sparse
/// attention (the Sparse Transformer's "fixed" pattern, T = 8192, l = 128, c = 8, D = 64) against the same two;</item>
/// <item>dense kernels' FLOP/s against this machine's fp32 matmul FLOP/s.</item>
/// </list>
/// Every reference is called exactly as a grading calls it: compiled from graders/&lt;slug&gt;/Reference.cs by the
/// grading compiler and bound by the kata's grader. Each figure is the median of <c>--repeats</c> calls after one
/// warm-up, at each thread count (gradings themselves run single-threaded).
/// </summary>
public static class PeerComparison
{
    private sealed record Options(string? Python, int Repeats, int[] Threads, bool SkipSklearn, string? Output);

    public static int Run(string[] args)
    {
        Options options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"peers: {ex.Message}");
            Console.Error.WriteLine("usage: peers [--python PATH] [--repeats N] [--threads 1,2] [--skip-sklearn] [--output FILE]");
            return 2;
        }
        TorchRuntime.EnsureLoaded();
        var layout = RepoLayout.Current;
        var md = new StringBuilder();
        string Line(string s) { md.AppendLine(s); Console.WriteLine(s); return s; }
        Line($"Machine: {Environment.ProcessorCount} logical cores, {RuntimeInfo()}; {options.Repeats} timed calls per figure (median), one warm-up.");
        Line("");
        bool failed = false;

        string work = Path.Combine(Path.GetTempPath(), "mlkatas-peers-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        try
        {
            if (!options.SkipSklearn)
            {
                failed |= !SklearnPeers(options, layout, work, Line);
            }
            failed |= !AttentionPeers(options, layout, Line);
            FlopRates(options, layout, Line);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        if (options.Output is { } file)
        {
            File.WriteAllText(file, md.ToString());
            Console.WriteLine($"Written to {file}.");
        }
        return failed ? 1 : 0;
    }

    private static Options Parse(string[] args)
    {
        string? python = null, output = null;
        int repeats = 5;
        int[] threads = [1, 2];
        bool skip = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--python": python = Value(); break;
                case "--repeats":
                    repeats = int.TryParse(Value(), CultureInfo.InvariantCulture, out int r) && r >= 1 ? r : throw new ArgumentException("--repeats takes a whole number ≥ 1");
                    break;
                case "--threads":
                    threads = Value().Split(',').Select(t => int.TryParse(t, CultureInfo.InvariantCulture, out int n) && n >= 1 ? n
                        : throw new ArgumentException("--threads takes thread counts like 1,2")).ToArray();
                    break;
                case "--skip-sklearn": skip = true; break;
                case "--output": output = Value(); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return new Options(python, repeats, threads, skip, output);
    }

    private static string RuntimeInfo() =>
        $".NET {Environment.Version}, TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}";

    // ---- scikit-learn peers -------------------------------------------------------------------------------------

    private static bool SklearnPeers(Options options, RepoLayout layout, string work, Func<string, string> line)
    {
        string script = Path.Combine(layout.Root, "benchmarks", "scripts", "peers.py");
        string? python = options.Python ?? FindPython();
        if (python is null)
        {
            line("scikit-learn peers: no python3 with scikit-learn found (Debian: `apt-get install python3-sklearn`, then " +
                 "`--python /usr/bin/python3`; or `--skip-sklearn`).");
            return false;
        }
        var psi = new ProcessStartInfo(python) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { script, "--out", work, "--repeats", options.Repeats.ToString(CultureInfo.InvariantCulture),
                     "--threads", string.Join(',', options.Threads) })
        {
            psi.ArgumentList.Add(a);
        }
        Console.Error.WriteLine($"peers: timing scikit-learn ({python})…");
        using (var p = Process.Start(psi)!)
        {
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                line($"scikit-learn peers: {script} failed (exit {p.ExitCode}): {err.Trim()}");
                return false;
            }
        }
        var sk = JsonNode.Parse(File.ReadAllText(Path.Combine(work, "sklearn.json")))!;
        Dictionary<string, Tensor> data;
        using (var stream = File.OpenRead(Path.Combine(work, "data.safetensors")))
        {
            data = Safetensors.LoadStateDict(stream);
        }
        bool ok = true;
        line($"### References against scikit-learn {sk["sklearn"]} (numpy {sk["numpy"]}), same data");
        line("");
        line("| kata | workload | threads | reference | scikit-learn | ratio (reference / scikit-learn) | agreement |");
        line("|---|---|---|---|---|---|---|");
        var kmeans = KataCatalog.Find("k-means")!;
        var logreg = KataCatalog.Find("logistic-regression")!;
        var kmRef = kmeans.Reference();
        var lrRef = logreg.Reference();
        int kmIters = 20;
        foreach (int threads in options.Threads)
        {
            set_num_threads(threads);
            var run = sk["runs"]![threads.ToString(CultureInfo.InvariantCulture)]!;

            using var kmCase = new KataCase("peer", new Dictionary<string, Tensor> { ["x"] = data["kmeans.x"].clone(), ["initialCentroids"] = data["kmeans.init"].clone() },
                new JsonObject { ["maxIterations"] = kmIters }, new Dictionary<string, Tensor>()) { Entry = "Fit" };
            IReadOnlyDictionary<string, Tensor>? kmOut = null;
            double km = Median(options.Repeats, () => { kmOut?.Values.ToList().ForEach(t => t.Dispose()); kmOut = kmRef(kmCase); });
            long iterations = kmOut!["out.iterations"].item<long>();
            double inertia = kmOut["out.inertia"].item<double>();
            double skPerIter = run["kmeans"]!["per_iteration"]!.GetValue<double>();
            long skIters = run["kmeans"]!["iterations"]!.GetValue<long>();
            double skInertia = run["kmeans"]!["inertia"]!.GetValue<double>();
            double perIter = km / iterations;
            line(Inv($"| k-means | Lloyd, n=100k d=32 k=64, {iterations} iterations (sklearn {skIters}) | {threads} | {perIter * 1000:0.0} ms/iteration | {skPerIter * 1000:0.0} ms/iteration | **{perIter / skPerIter:0.00}×** | inertia rel. diff {Math.Abs(inertia - skInertia) / skInertia:0.0e0} |"));
            ok &= iterations == skIters && Math.Abs(inertia - skInertia) <= 1e-9 * skInertia;

            using var lrCase = new KataCase("peer", new Dictionary<string, Tensor> { ["x"] = data["logreg.x"].clone(), ["y"] = data["logreg.y"].clone() },
                new JsonObject { ["l2"] = 1e-3 }, new Dictionary<string, Tensor>()) { Entry = "Fit" };
            IReadOnlyDictionary<string, Tensor>? lrOut = null;
            double lr = Median(options.Repeats, () => { lrOut?.Values.ToList().ForEach(t => t.Dispose()); lrOut = lrRef(lrCase); });
            double skLr = run["logreg"]!["seconds"]!.GetValue<double>();
            using var skW = tensor(run["logreg"]!["weights"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray(), ScalarType.Float64);
            double dw = Math.Max(lrOut!["out.weights"].sub(skW).abs().max().item<double>(),
                Math.Abs(lrOut["out.bias"].item<double>() - run["logreg"]!["bias"]!.GetValue<double>()));
            line(Inv($"| logistic-regression | fit to the optimum, n=20k d=32 l2=1e-3 (sklearn lbfgs, tol 1e-10, {run["logreg"]!["iterations"]} iterations) | {threads} | {lr * 1000:0.0} ms | {skLr * 1000:0.0} ms | **{lr / skLr:0.00}×** | max weight diff {dw:0.0e0} |"));
            ok &= dw <= 1e-5;   // lbfgs at tol 1e-10 stops ~2e-6 from the optimum the reference reaches to 1e-6
        }
        set_num_threads(1);
        line("");
        if (!ok)
        {
            line("**The reference and scikit-learn disagree on a result above: the timing compares different work.**");
        }
        return ok;
    }

    private static string? FindPython()
    {
        foreach (string candidate in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                var psi = new ProcessStartInfo(candidate, ["-c", "import sklearn, threadpoolctl"])
                { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
                using var p = Process.Start(psi)!;
                p.WaitForExit();
                if (p.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed under that name
            }
        }
        return null;
    }

    // ---- sparse attention against dense ---------------------------------------------------------------------------

    private static bool AttentionPeers(Options options, RepoLayout layout, Func<string, string> line)
    {
        const long T = 8192, Window = 256, Block = 128, Summary = 8;
        using var pos = arange(T);
        using var diff = pos.unsqueeze(1) - pos.unsqueeze(0);                       // query t − key s
        // Sliding window: key s visible to query t iff t − window < s ≤ t.
        using var windowVisible = diff.ge(0).logical_and_(diff.lt(Window));
        bool ok = SparseAgainstDense(options, layout, line, "sparse-attention", new JsonObject { ["window"] = Window }, windowVisible,
            "### Causal sliding-window attention (T = 8192, window = 256, D = 64, float32, B = H = 1) against dense",
            "windowed (reference)");
        // Sparse Transformer "fixed": s ≤ t and (same block of l, or s a summary position: s mod l ≥ l − c).
        using var s = pos.unsqueeze(0);
        using var t = pos.unsqueeze(1);
        using var sameBlock = s.div(Block, rounding_mode: RoundingMode.floor).eq(t.div(Block, rounding_mode: RoundingMode.floor));
        using var summary = s.remainder(Block).ge(Block - Summary);
        using var fixedVisible = diff.ge(0).logical_and_(sameBlock.logical_or(summary));
        ok &= SparseAgainstDense(options, layout, line, "block-sparse-attention", new JsonObject { ["block"] = Block, ["summary"] = Summary }, fixedVisible,
            "### Causal block-sparse attention, Sparse Transformer \"fixed\" (T = 8192, l = 128, c = 8, D = 64, float32, B = H = 1) against dense",
            "block-sparse (reference)");
        return ok;
    }

    /// <summary>
    /// One sparse-attention kata's reference against the kata's own DenseMasked mutant and libtorch's fused
    /// scaled_dot_product_attention given the same [T, T] visibility mask, on the same q, k, v.
    /// </summary>
    private static bool SparseAgainstDense(Options options, RepoLayout layout, Func<string, string> line, string slug,
        JsonObject args, Tensor visible, string heading, string referenceColumn)
    {
        long t = visible.shape[0], d = 64;
        var grader = KataCatalog.Find(slug)!;
        var sparse = grader.Reference();
        var denseMutant = Path.Combine(layout.Root, "tests", "MlKatas.Tests", "Mutants", slug, "DenseMasked.cs");
        var compiled = SolutionCompiler.Compile(denseMutant, layout.GlobalUsingsPath, "peer-dense-masked-" + slug);
        if (!compiled.Succeeded)
        {
            line($"{slug}: {denseMutant} does not compile: {string.Join("; ", compiled.Errors)}");
            return false;
        }
        var dense = grader.Bind(compiled.Solution!.Assembly);
        var gen = new TorchSharp.torch.Generator(7);
        using var q = randn([1, 1, t, d], dtype: ScalarType.Float32, generator: gen);
        using var k = randn([1, 1, t, d], dtype: ScalarType.Float32, generator: gen);
        using var v = randn([1, 1, t, d], dtype: ScalarType.Float32, generator: gen);
        using var kataCase = new KataCase("peer", new Dictionary<string, Tensor> { ["q"] = q, ["k"] = k, ["v"] = v },
            args, new Dictionary<string, Tensor>());

        line(heading);
        line("");
        line($"| threads | {referenceColumn} | dense masked (the kata's DenseMasked mutant) | libtorch fused SDPA, same mask | speed-up vs dense masked | vs fused SDPA |");
        line("|---|---|---|---|---|---|");
        bool ok = true;
        foreach (int threads in options.Threads)
        {
            set_num_threads(threads);
            Tensor? a = null, b = null, c = null;
            double ts = Median(options.Repeats, () => { a?.Dispose(); a = sparse(kataCase)["out"]; });
            double td = Median(options.Repeats, () => { b?.Dispose(); b = dense(kataCase)["out"]; });
            double tf = Median(options.Repeats, () => { c?.Dispose(); c = nn.functional.scaled_dot_product_attention(q, k, v, visible); });
            ok &= a!.allclose(b!, rtol: 1e-4, atol: 1e-5) && a.allclose(c!, rtol: 1e-4, atol: 1e-5);
            line(Inv($"| {threads} | {ts * 1000:0.0} ms | {td * 1000:0.0} ms | {tf * 1000:0.0} ms | **{td / ts:0.0}×** | **{tf / ts:0.0}×** |"));
            a.Dispose(); b!.Dispose(); c!.Dispose();
        }
        set_num_threads(1);
        line("");
        if (!ok)
        {
            line($"**{slug}: the three attention outputs differ: the timing compares different work.**");
        }
        return ok;
    }

    // ---- FLOP/s -----------------------------------------------------------------------------------------------------

    private static void FlopRates(Options options, RepoLayout layout, Func<string, string> line)
    {
        const long N = 1024, T = 2048, D = 64, H = 4;
        var gen = new TorchSharp.torch.Generator(11);
        using var a = randn([N, N], generator: gen);
        using var b = randn([N, N], generator: gen);
        // scaled-dot-product attention: QKᵀ and PV (the softmax's O(T²) is not counted)
        using var attention = new KataCase("peer", new Dictionary<string, Tensor>
            {
                ["q"] = randn([1, H, T, D], generator: gen),
                ["k"] = randn([1, H, T, D], generator: gen),
                ["v"] = randn([1, H, T, D], generator: gen),
                ["keyPaddingMask"] = zeros([1, T], dtype: ScalarType.Bool),
            },
            new JsonObject { ["causal"] = false }, new Dictionary<string, Tensor>());
        // conv2d, a ResNet-style layer: N=8, 64→64 channels, 56×56, 3×3, padding 1
        const long CN = 8, CC = 64, CHW = 56, CK = 3;
        using var conv = new KataCase("peer", new Dictionary<string, Tensor>
            {
                ["x"] = randn([CN, CC, CHW, CHW], generator: gen),
                ["weight"] = randn([CC, CC, CK, CK], generator: gen),
                ["bias"] = randn([CC], generator: gen),
            },
            new JsonObject { ["stride"] = new JsonArray(1, 1), ["padding"] = new JsonArray(1, 1), ["dilation"] = new JsonArray(1, 1), ["groups"] = 1 },
            new Dictionary<string, Tensor>());
        // MLP loss and every gradient: N=512, D=H=1024, C=1000 (forward 2 GEMMs, backward 4 with dX)
        const long MN = 512, MD = 1024, MH = 1024, MC = 1000;
        using var mlp = new KataCase("peer", new Dictionary<string, Tensor>
            {
                ["x"] = randn([MN, MD], generator: gen),
                ["labels"] = randint(0, MC, [MN], generator: gen),
                ["w1"] = randn([MH, MD], generator: gen).mul_(0.03),
                ["b1"] = zeros([MH]),
                ["w2"] = randn([MC, MH], generator: gen).mul_(0.03),
                ["b2"] = zeros([MC]),
            },
            new JsonObject(), new Dictionary<string, Tensor>());
        var kernels = new (string Name, KataInvoker Invoke, KataCase Case, double Flops)[]
        {
            ("scaled-dot-product-attention reference (H=4, T=2048, D=64)", KataCatalog.Find("scaled-dot-product-attention")!.Reference(), attention,
                4.0 * H * T * T * D),
            ("conv2d reference (N=8, 64→64, 56×56, 3×3, pad 1)", KataCatalog.Find("conv2d")!.Reference(), conv,
                2.0 * CN * CC * CHW * CHW * CC * CK * CK),
            ("mlp-backprop reference, loss and all gradients (N=512, 1024→1024→1000)", KataCatalog.Find("mlp-backprop")!.Reference(), mlp,
                2.0 * MN * (MD * MH + MH * MC) * 3),
        };
        double matmulFlops = 2.0 * N * N * N;
        line("### Dense kernels against this machine's fp32 matmul (float32)");
        line("");
        line("| threads | kernel | matmul 1024³ | kernel rate | share of matmul rate |");
        line("|---|---|---|---|---|");
        foreach (int threads in options.Threads)
        {
            set_num_threads(threads);
            foreach (var kernel in kernels)
            {
                // the matmul is re-measured beside each kernel: one ratio per pair, measured together
                double tm = Median(options.Repeats, () => a.matmul(b).Dispose());
                double tk = Median(options.Repeats, () => { foreach (var t in kernel.Invoke(kernel.Case).Values) { t.Dispose(); } });
                double gm = matmulFlops / tm / 1e9, gk = kernel.Flops / tk / 1e9;
                line(Inv($"| {threads} | {kernel.Name} | {gm:0.0} GFLOP/s | {gk:0.0} GFLOP/s ({tk * 1000:0.0} ms) | **{gk / gm:0%}** |"));
            }
        }
        set_num_threads(1);
        line("");
        line("FLOPs counted: matmul 2N³; attention 4HT²D (QKᵀ and PV); conv2d 2·N·C_out·H·W·C_in·k²; MLP 3× the forward's 2N(D·H + H·C) (forward, and the backward's dW and dX GEMMs).");
    }

    private static double Median(int repeats, Action action)
    {
        action();   // warm-up: JIT, allocator, caches
        var times = new List<double>(repeats);
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalSeconds);
        }
        return Grading.Timing.TimingComparer.Median(times);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
