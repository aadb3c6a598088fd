// Expect: Passed
// Mistake: None: a control. The Bellman backup as an einsum over [S, A, S'] and a max over actions, the tie rule through where and a first-index min over candidate actions — a different but correct solution a strong candidate writes.
namespace MlKatas.Katas;

public sealed record ValueIterationOutput(Tensor Values, Tensor Q, Tensor Policy, int Iterations);

public static class ValueIteration
{
    public static ValueIterationOutput Solve(Tensor transitions, Tensor rewards, double gamma, double tol, int maxIterations)
    {
        using var scope = torch.NewDisposeScope();
        long states = transitions.shape[0], actions = transitions.shape[1];
        var v = torch.zeros(states, dtype: ScalarType.Float64);
        int k = 0;
        bool done = false;
        while (!done)
        {
            using var iteration = torch.NewDisposeScope();
            var q = rewards + gamma * torch.einsum("sat,t->sa", transitions, v);
            var (vNew, _) = q.max(1);
            done = (vNew - v).abs().max().item<double>() < tol || k + 1 >= maxIterations;
            v = vNew.MoveToOuterDisposeScope();
            k++;
        }
        var qFinal = rewards + gamma * torch.einsum("sat,t->sa", transitions, v);
        var candidates = qFinal >= qFinal.max(1).values.unsqueeze(1) - 1e-9;
        var index = torch.arange(actions, dtype: ScalarType.Int64).expand(states, actions);
        var policy = torch.where(candidates, index, torch.full_like(index, actions)).amin([1]);
        return new ValueIterationOutput(v.MoveToOuterDisposeScope(), qFinal.MoveToOuterDisposeScope(), policy.MoveToOuterDisposeScope(), k);
    }
}
