using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/beam-search. A case holds a table of next-token log-probs [R, V]; the grader hands the learner a model
/// delegate that maps each prefix [bos, y1, …] to row (last + V·secondLast) mod R of the table (secondLast = bos for the
/// prefix [bos]): R = V is a bigram model, R = V² a trigram one. Tokens are compared exactly, scores within tolerance.
/// </summary>
public sealed class BeamSearchGrader : KataGrader
{
    private const string Signature = "public static BeamSearchResult Search(Func<Tensor, Tensor> model, long bos, long eos, int beamWidth, int maxLength, double lengthPenalty)";

    /// <inheritdoc />
    public override KataSpec Spec { get; } = new()
    {
        Slug = "beam-search",
        // float64. A score is a running sum of log-probs (one addition per step, the same in every correct solution)
        // divided by len^α: Math.Pow against another pow differs by an ulp, ~1e-16 relative. 1e-12 admits that and
        // rejects every mistake (a wrong len or a compounded penalty moves scores by ≥ 1e-2). Tokens are exact; golden
        // cases keep the best K + 1 scores more than 1e-9 apart except designed exact ties (dyadic log-probs).
        Tolerance = new Tolerance(1e-12, 1e-12),
        // Calibrated single-threaded with the mutants in tests/MlKatas.Tests/Mutants/beam-search on the shared 2-core machine
        // at load average ~21. At V = 1000, K = 8, maxLength = 24 (EOS rare, so every beam runs to the end): the reference
        // against itself 1.10×; StableSortControl (a stable sort of all n·V scores per step, the plain way to get the
        // tie order) 4.21× (spread 1.41–4.99, 845 vs 209 ms) — too close to a 5× budget for a correct O(L·K·V log) solution,
        // so the budget is 10×; PerCandidateItemLoop 217× (34 s vs 0.12 s, judged on the warm-ups). The timing case was
        // then shrunk to V = 512, maxLength = 16 so that the TooSlow mutant's warm-up costs seconds, not tens of seconds.
        // At that size (load ~14) StableSortControl measured 5.28× (spread 3.71–8.16 over 9 pairs, 127 vs 24 ms).
        // Load ~2: reference 6–16 ms a call, itself 1.05×, StableSortControl 5.40× (spread 2.64–5.62), PerCandidateItemLoop 99×.
        SpeedBudget = 10,
        SpeedBudgetCalibration = "reference: per step one model call, one topk(2K) over the n·V candidate scores, an exact order of the few taken; " +
            "at V = 1000, K = 8, L = 24 (load ~21): itself 1.10×, StableSortControl (stable sort of all candidates) 4.21×, PerCandidateItemLoop (item<double>() per candidate) 217× — TooSlow; timed on V = 512, K = 8, L = 16",
        EntryPoints = ["BeamSearch.Search"],
    };

    /// <inheritdoc />
    public override KataInvoker Bind(Assembly solution)
    {
        var search = ContractBinder.StaticMethod<Func<Func<Tensor, Tensor>, long, long, int, int, double, object>>(solution, "BeamSearch", "Search", Signature);
        return c =>
        {
            var model = Model(c.Input("table"));
            object result = search(model, c.Arg<long>("bos"), c.Arg<long>("eos"), c.Arg<int>("beamWidth"), c.Arg<int>("maxLength"), c.Arg<double>("lengthPenalty"))
                ?? throw new ContractMismatchException("Search returned null instead of a BeamSearchResult");
            return new Dictionary<string, Tensor>
            {
                ["out.tokens"] = ContractBinder.Property<Tensor>(result, "Tokens"),
                ["out.scores"] = ContractBinder.Property<Tensor>(result, "Scores"),
            };
        };
    }

    /// <summary>The toy language model of a case: row (last + V·secondLast) mod R of <paramref name="table"/> per prefix.</summary>
    public static Func<Tensor, Tensor> Model(Tensor table)
    {
        ArgumentNullException.ThrowIfNull(table);
        long r = table.shape[0], v = table.shape[1];
        return prefixes =>
        {
            if (prefixes is null || prefixes.dtype != ScalarType.Int64 || prefixes.dim() != 2 || prefixes.shape[0] < 1 || prefixes.shape[1] < 1)
            {
                throw new ArgumentException("the model takes prefixes [n, t] int64 with n ≥ 1 and t ≥ 1 (each row bos, then the tokens " +
                    "generated so far); it got " + (prefixes is null ? "null" : TensorComparison.Signature(prefixes)));
            }
            long lo = prefixes.min().item<long>(), hi = prefixes.max().item<long>();
            if (lo < 0 || hi >= v)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"the model got a prefix holding token {(lo < 0 ? lo : hi)}; token ids are in [0, {v})"));
            }
            long t = prefixes.shape[1];
            var last = prefixes[.., t - 1];
            var second = prefixes[.., t >= 2 ? t - 2 : 0];
            return table.index_select(0, (last + v * second).remainder(r));
        };
    }

    /// <inheritdoc />
    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double[] penalties = [0, 0.6, 1, 2];
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            int v = rng.Next(3, 16), k = rng.Next(1, Math.Min(6, v - 1) + 1), maxLength = rng.Next(1, 9);
            long r = i % 2 == 0 ? v : v * v;
            long eos = rng.Next(v), bos = (eos + 1 + rng.Next(v - 1)) % v;
            yield return ReferenceCase($"random #{i + 1}", reference,
                new Dictionary<string, Tensor> { ["table"] = Table(rng, r, v, eos, 1.5) },
                new JsonObject { ["bos"] = bos, ["eos"] = eos, ["beamWidth"] = k, ["maxLength"] = maxLength, ["lengthPenalty"] = penalties[i % penalties.Length] },
                note: string.Create(CultureInfo.InvariantCulture,
                    $"random {(r == v ? "bigram" : "trigram")} model drawn for this grading: V={v}, K={k}, maxLength={maxLength}, lengthPenalty={penalties[i % penalties.Length]}, BOS={bos}, EOS={eos}"));
        }
    }

    /// <inheritdoc />
    public override KataCase TimingCase(Random rng) => new("timing",
        new Dictionary<string, Tensor> { ["table"] = Table(rng, 97, 512, 0, 1.0, eosShift: -6) },
        new JsonObject { ["bos"] = 1, ["eos"] = 0, ["beamWidth"] = 8, ["maxLength"] = 16, ["lengthPenalty"] = 1.0 },
        new Dictionary<string, Tensor>());

    /// <summary>Rows of log-softmax(N(0, scale²)) logits, the EOS column shifted by <paramref name="eosShift"/> before normalising.</summary>
    private static Tensor Table(Random rng, long r, long v, long eos, double scale, double eosShift = 0.5)
    {
        var logits = RandN(rng, ScalarType.Float64, r, v) * scale;
        logits[.., eos].add_(eosShift);
        return logits.log_softmax(1);
    }
}
