// Expect: ForbiddenApi
// Mistake: Calls the built-in max_pool2d_with_indices for the forward.
namespace MlKatas.Katas;

public static class MaxPool2d
{
    public static (Tensor Values, Tensor Indices) Forward(Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        var s = stride ?? kernel;
        return torch.nn.functional.max_pool2d_with_indices(x, [kernel.H, kernel.W], [s.H, s.W], [padding.H, padding.W],
            [dilation.H, dilation.W]);
    }

    public static Tensor Backward(Tensor dy, Tensor x, (long H, long W) kernel, (long H, long W)? stride,
        (long H, long W) padding, (long H, long W) dilation)
    {
        using var scope = torch.NewDisposeScope();
        long n = x.shape[0], c = x.shape[1];
        var (_, indices) = Forward(x, kernel, stride, padding, dilation);
        var grad = torch.zeros(new[] { n, c, x.shape[2] * x.shape[3] }, dtype: x.dtype);
        grad.scatter_add_(2, indices.reshape(n, c, -1), dy.reshape(n, c, -1));
        return grad.view(x.shape).MoveToOuterDisposeScope();
    }
}
