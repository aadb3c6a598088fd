// Expect: Passed
// Mistake: None: log-softmax written first (x − m − log Σ exp(x − m)) and softmax as its exp — a control for the speed budget.
namespace MlKatas.Katas;

public static class StableSoftmax
{
    public static Tensor Softmax(Tensor x, long dim)
    {
        using var scope = torch.NewDisposeScope();
        return LogSoftmax(x, dim).exp().MoveToOuterDisposeScope();
    }

    public static Tensor LogSoftmax(Tensor x, long dim)
    {
        using var scope = torch.NewDisposeScope();
        var (m, _) = x.max(dim, keepdim: true);
        var logSum = (x - m).exp().sum(dim, keepdim: true).log();
        return (x - m - logSum).MoveToOuterDisposeScope();
    }
}
