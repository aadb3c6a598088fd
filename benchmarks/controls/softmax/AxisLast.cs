// Expect: Passed
// Mistake: None: moves the axis to the end (movedim), normalises the last dim, moves it back — a control for the speed budget.
namespace MlKatas.Katas;

public static class StableSoftmax
{
    public static Tensor Softmax(Tensor x, long dim)
    {
        using var scope = torch.NewDisposeScope();
        var last = x.movedim([dim], [-1]).contiguous();
        var e = (last - last.amax([-1], keepdim: true)).exp();
        return (e / e.sum(-1, keepdim: true)).movedim([-1], [dim]).contiguous().MoveToOuterDisposeScope();
    }

    public static Tensor LogSoftmax(Tensor x, long dim)
    {
        using var scope = torch.NewDisposeScope();
        var last = x.movedim([dim], [-1]).contiguous();
        var shifted = last - last.amax([-1], keepdim: true);
        var result = shifted - shifted.exp().sum(-1, keepdim: true).log();
        return result.movedim([-1], [dim]).contiguous().MoveToOuterDisposeScope();
    }
}
