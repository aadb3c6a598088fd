using MlKatas.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace MlKatas.Graders;

/// <summary>
/// Gradient checking of a learner's differentiable loss: the grader calls the learner's forward on fresh leaf copies of
/// the inputs that require grad (so the case's inputs are never touched), runs autograd from the returned loss, and
/// reports each gradient as an output <c>grad.&lt;input&gt;</c>, compared with the reference's like any other output
/// (out of tolerance it is <see cref="Verdict.WrongGradient"/>).
/// </summary>
internal static class LossGradients
{
    /// <summary>
    /// The case's tensor inputs for one call: those named in <paramref name="wrt"/> as fresh float leaves with
    /// requires_grad, the others as they are.
    /// </summary>
    public static Dictionary<string, Tensor> Leaves(KataCase kataCase, params string[] wrt)
    {
        ArgumentNullException.ThrowIfNull(kataCase);
        var inputs = new Dictionary<string, Tensor>(kataCase.Inputs);
        foreach (var name in wrt)
        {
            inputs[name] = kataCase.Input(name).detach().clone().requires_grad_(true);
        }
        return inputs;
    }

    /// <summary>
    /// Runs autograd from <paramref name="loss"/> and adds <c>grad.&lt;name&gt;</c> for each of <paramref name="wrt"/>
    /// to <paramref name="outputs"/>. A loss that is not one element is left to the shape check (no gradients are
    /// added, so the learner is told about the shape, not about autograd); a loss that does not require grad (a value
    /// computed outside autograd, or detached) has zero gradients, and so has an input the loss does not depend on.
    /// </summary>
    public static void Add(Dictionary<string, Tensor> outputs, Tensor? loss, IReadOnlyDictionary<string, Tensor> leaves,
        params string[] wrt)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(leaves);
        if (loss is null || loss.numel() != 1 || !loss.is_floating_point())
        {
            return;
        }
        if (loss.requires_grad)
        {
            loss.reshape([]).backward();
        }
        foreach (var name in wrt)
        {
            var leaf = leaves[name];
            var grad = leaf.grad;
            outputs["grad." + name] = grad is null ? torch.zeros_like(leaf).detach() : grad.detach().clone();
        }
    }

    /// <summary>Gradients are computed even when the caller is inside <c>no_grad</c>.</summary>
    public static IDisposable EnableGrad() => torch.enable_grad();
}
