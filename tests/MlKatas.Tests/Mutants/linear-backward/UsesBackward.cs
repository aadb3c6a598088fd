// Expect: ForbiddenApi
// Mistake: Gets the gradients from autograd (requires_grad + backward) instead of deriving them.
namespace MlKatas.Katas;

public static class LinearBackward
{
    public static (Tensor DX, Tensor DW, Tensor DB) Backward(Tensor dy, Tensor x, Tensor w)
    {
        using var enabled = torch.enable_grad();
        var xl = x.detach().clone().requires_grad_(true);
        var wl = w.detach().clone().requires_grad_(true);
        var bl = torch.zeros(w.shape[0], dtype: x.dtype).requires_grad_(true);
        (torch.nn.functional.linear(xl, wl, bl) * dy).sum().backward();
        return (xl.grad!.clone(), wl.grad!.clone(), bl.grad!.clone());
    }
}
