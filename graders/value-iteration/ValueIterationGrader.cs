using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/value-iteration: synchronous Bellman optimality backups on a tabular MDP to a stated stopping rule,
/// the final V, Q from it, the greedy policy with a tie tolerance, and the iteration count (compared exactly).
/// </summary>
public sealed class ValueIterationGrader : KataGrader
{
    private const string SolveSignature = "public static ValueIterationOutput Solve(Tensor transitions, Tensor rewards, double gamma, double tol, int maxIterations)";

    public override KataSpec Spec { get; } = new()
    {
        Slug = "value-iteration",
        // Same backups in the same number: V and Q differ between correct solutions only by the round-off of the sums
        // over s' (~1e-16 relative per backup; the contraction keeps it from growing beyond ~1e-16/(1 − γ)). The golden
        // cases' stopping tests are ≥ 100 ulps of V away from tol, so the iteration count is exact. rtol 1e-10 covers
        // V ~ 1e6 at γ = 0.99; atol 1e-10 covers absorbing states (V = 0).
        Tolerance = new Tolerance(1e-10, 1e-10),
        // Calibrated single-threaded on the shared 2-core machine at load 11–20, on S = 100, A = 4, γ = 0.9, tol = 1e-8
        // (~170 backups): EinsumControl (einsum backup, max(1), a where/amin tie rule) 1.59× (spread 1.11–2.53);
        // PerStateLoop (a C# loop over the 100 states inside each backup) 48× (spread 48–56). 4× sits between. The timing
        // case then uses γ = 0.8 (~85 backups) to halve the call (every solution's time is proportional to the backups);
        // re-measured there: EinsumControl 1.47× (spread 1.14–2.30), PerStateLoop 84× (spread 84–88); the reference took
        // ~28 ms a call at load 12–20 (a quiet machine should be several times faster: estimated, not measured).
        SpeedBudget = 4,
        SpeedBudgetCalibration = "reference: one [S·A, S] matrix-vector product per backup (S = 100, A = 4); EinsumControl 1.59× (γ = 0.9), 1.47× (γ = 0.8); PerStateLoop (a C# loop over states per backup) 48× at γ = 0.9, 84× at γ = 0.8 — TooSlow",
        EntryPoints = ["ValueIteration.Solve"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var solve = ContractBinder.StaticMethod<Func<Tensor, Tensor, double, double, int, object>>(solution, "ValueIteration", "Solve", SolveSignature);
        return c =>
        {
            object result = solve(c.Input("transitions"), c.Input("rewards"), c.Arg<double>("gamma"), c.Arg<double>("tol"), c.Arg<int>("maxIterations"))
                ?? throw new ContractMismatchException("Solve returned null instead of a ValueIterationOutput");
            return new Dictionary<string, Tensor>
            {
                ["out.values"] = ContractBinder.Property<Tensor>(result, "Values"),
                ["out.q"] = ContractBinder.Property<Tensor>(result, "Q"),
                ["out.policy"] = ContractBinder.Property<Tensor>(result, "Policy"),
                ["out.iterations"] = torch.tensor((long)ContractBinder.Property<int>(result, "Iterations")),
            };
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double[] gammas = [0.5, 0.8, 0.9];
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            int s = rng.Next(1, 9), a = rng.Next(1, 5);
            bool absorbing = i == 0;
            // tol 1e-6 on V of order 10: a random stopping test lands within round-off of tol with probability ~1e-9.
            var args = new JsonObject { ["gamma"] = gammas[rng.Next(gammas.Length)], ["tol"] = 1e-6, ["maxIterations"] = 1000 };
            yield return ReferenceCase($"random #{i + 1}", reference, Mdp(rng, s, a, absorbing), args,
                note: absorbing ? "random MDP drawn for this grading, its last state absorbing (V = 0 there)" : "random dense MDP drawn for this grading");
        }
    }

    public override KataCase TimingCase(Random rng) =>
        new("timing", Mdp(rng, 100, 4, absorbing: false), new JsonObject { ["gamma"] = 0.8, ["tol"] = 1e-8, ["maxIterations"] = 10000 },
            new Dictionary<string, Tensor>());

    /// <summary>A random MDP: P rows from U(0, 1)³ normalised, R ~ N(0, 1); optionally the last state absorbing with R = 0.</summary>
    private static Dictionary<string, Tensor> Mdp(Random rng, int s, int a, bool absorbing)
    {
        var p = Rand(rng, ScalarType.Float64, s, a, s).pow(3) + 1e-3;
        var r = RandN(rng, ScalarType.Float64, s, a);
        if (absorbing)
        {
            var stay = torch.zeros(a, s, dtype: ScalarType.Float64);
            stay[.., s - 1].fill_(1.0);
            p[s - 1] = stay;
            r[s - 1] = torch.zeros(a, dtype: ScalarType.Float64);
        }
        p /= p.sum([2], keepdim: true);
        return new Dictionary<string, Tensor> { ["transitions"] = p, ["rewards"] = r };
    }
}
