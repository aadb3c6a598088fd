using System.Text.Json.Nodes;
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

    /// <summary>
    /// The expected gradients of a backward kata's random case: ∂(Σ dy·f)/∂(<paramref name="wrt"/>) by autograd through
    /// the reference's forward entry <paramref name="entry"/> (its output <paramref name="output"/>), returned as
    /// <c>grad.&lt;name&gt;</c>. The caller's tensors are only copied. With <paramref name="inFloat64"/> the floating
    /// inputs and <paramref name="dy"/> are promoted to float64 and each gradient is rounded back to its input's dtype
    /// (the exact answer to the inputs the learner gets, as <c>ExactReferenceCase</c> does for values).
    /// </summary>
    public static Dictionary<string, Tensor> ThroughReference(KataInvoker reference, string entry,
        IReadOnlyDictionary<string, Tensor> inputs, JsonObject args, Tensor dy, IReadOnlyList<string> wrt,
        bool inFloat64 = false, string output = "out")
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(wrt);
        using var scope = torch.NewDisposeScope();
        using var enabled = EnableGrad();
        Tensor Copy(Tensor t) => inFloat64 && t.is_floating_point() ? t.detach().to_type(ScalarType.Float64) : t.detach().clone();
        var leaves = inputs.ToDictionary(kv => kv.Key, kv => wrt.Contains(kv.Key) ? Copy(kv.Value).requires_grad_(true) : Copy(kv.Value));
        var probe = new KataCase("autograd probe", leaves, (JsonObject)args.DeepClone(), new Dictionary<string, Tensor>()) { Entry = entry };
        var grads = new Dictionary<string, Tensor>();
        Add(grads, reference(probe)[output].mul(Copy(dy)).sum(), leaves, [.. wrt]);
        return grads.ToDictionary(kv => kv.Key, kv => (inFloat64 ? kv.Value.to_type(inputs[kv.Key["grad.".Length..]].dtype) : kv.Value)
            .MoveToOuterDisposeScope());
    }

    /// <summary>Gradients are computed even when the caller is inside <c>no_grad</c>.</summary>
    public static IDisposable EnableGrad() => torch.enable_grad();
}
