using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using MlKatas.Grading;
using MlKatas.Grading.Compilation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Grades katas/lr-schedule: the learning rate of linear warm-up + cosine decay to a floor (Hugging Face's
/// get_cosine_schedule_with_warmup with a min-lr rate, held at the floor after S), vectorised over int64 steps.
/// </summary>
public sealed class LrScheduleGrader : KataGrader
{
    private const string Signature = "public static Tensor CosineWithWarmup(Tensor steps, double peakLr, long warmupSteps, long totalSteps, double minLr)";

    public override KataSpec Spec { get; } = new()
    {
        Slug = "lr-schedule",
        // Learning rates are ≤ 1 here. Any float64 formulation (s·peak/W or s/W·peak; ½(1 + cos) or cos²) agrees to a few
        // ulps, i.e. ~1e-16 relative plus ~1e-16·peak absolute where 1 + cos cancels near S: atol 1e-15 and rtol 1e-12 leave
        // that margin, while a step off by one moves lr by ≥ peak·1e-6 on the cases and a float32 step ratio by ~6e-8 relative.
        Tolerance = new Tolerance(1e-15, 1e-12),
        // Calibrated on the control and the element-loop mutant in tests/MlKatas.Tests/Mutants/lr-schedule, single-threaded
        // libtorch on the shared 2-core machine under load ~15: the reference against itself 1.28× (spread 0.36–11.1), the
        // out-of-place CosSquaredForm control 1.27× (0.28–3.76), the element loop 29× (its two warm-up calls).
        SpeedBudget = 4,
        SpeedBudgetCalibration = "reference: ~8 elementwise ops (mostly in place) and one where over 4 096 int64 steps; the control (out-of-place " +
            "arithmetic, the decay as cos²) passes; a C# loop that reads steps[i].item<long>() per element is TooSlow",
        Forbidden =
        [
            new ForbiddenApi("TorchSharp.torch.optim", "torch.optim.lr_scheduler is the schedule this kata asks you to write"),
        ],
        EntryPoints = ["LrSchedule.CosineWithWarmup"],
    };

    public override KataInvoker Bind(Assembly solution)
    {
        var f = ContractBinder.StaticMethod<Func<Tensor, double, long, long, double, Tensor>>(solution, "LrSchedule", "CosineWithWarmup", Signature);
        return c => new Dictionary<string, Tensor>
        {
            ["out"] = f(c.Input("steps"), c.Arg<double>("peakLr"), c.Arg<long>("warmupSteps"), c.Arg<long>("totalSteps"), c.Arg<double>("minLr")),
        };
    }

    public override IEnumerable<KataCase> RandomCases(Random rng, KataInvoker reference)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Spec.RandomCases; i++)
        {
            long w = i == 1 ? 0 : rng.Next(1, 2000);
            long total = w + (i == 2 ? 0 : rng.Next(1, 20000));
            double peak = Math.Pow(10, -rng.Next(1, 5)) * (1 + rng.NextDouble());
            double minLr = i == 3 ? 0.0 : peak * rng.NextDouble() * 0.2;
            long[] shape = Enumerable.Range(0, rng.Next(1, 4)).Select(_ => (long)rng.Next(1, 12)).ToArray();
            using var gen = new Generator((ulong)rng.NextInt64(1, long.MaxValue));
            var steps = torch.randint(0, (total + 1) * 5 / 4 + 2, shape, dtype: ScalarType.Int64, generator: gen);
            // The boundary steps always appear: 0, W − 1, W, W + 1, S − 1, S, S + 1.
            var flat = steps.view(-1);
            long[] boundaries = [0, Math.Max(0, w - 1), w, w + 1, Math.Max(0, total - 1), total, total + 1];
            for (int b = 0; b < boundaries.Length && b < flat.shape[0]; b++)
            {
                flat[b].fill_(boundaries[b]);
            }
            var args = new JsonObject { ["peakLr"] = peak, ["warmupSteps"] = w, ["totalSteps"] = total, ["minLr"] = minLr };
            yield return ReferenceCase($"random #{i + 1}", reference, new() { ["steps"] = steps }, args,
                note: string.Create(CultureInfo.InvariantCulture,
                    $"random steps [{string.Join(", ", shape)}] with W = {w}, S = {total}, peak {peak:g3}, floor {minLr:g3}, the boundary steps included"));
        }
    }

    // 4 096 steps of a long run (W = 2 000, S = 90 000), drawn from the whole run: tensors of 32 KB, where a solution's
    // cost is its number of tensor calls. At 100 000 and 20 000 steps the out-of-place control paid ~3.2× the reference's
    // mostly in-place ops (fresh allocations), too close to any fair budget; a loop that reads one element at a time
    // makes 4 096 tensor calls.
    public override KataCase TimingCase(Random rng)
    {
        using var gen = new Generator((ulong)(rng ?? throw new ArgumentNullException(nameof(rng))).NextInt64(1, long.MaxValue));
        var steps = torch.randint(0, 100_000, [4_096], dtype: ScalarType.Int64, generator: gen);
        return new KataCase("timing", new Dictionary<string, Tensor> { ["steps"] = steps },
            new JsonObject { ["peakLr"] = 3e-4, ["warmupSteps"] = 2000L, ["totalSteps"] = 90_000L, ["minLr"] = 3e-5 },
            new Dictionary<string, Tensor>());
    }
}
