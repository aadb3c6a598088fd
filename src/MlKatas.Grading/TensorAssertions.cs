using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using static TorchSharp.torch;

namespace MlKatas.Grading;

/// <summary>FluentAssertions entry point for tensors: <c>tensor.Should().BeCloseTo(expected, atol, rtol)</c>.</summary>
public static class TensorAssertionExtensions
{
    /// <summary>Starts an assertion on a tensor.</summary>
    public static TensorAssertions Should(this Tensor actual) => new(actual);
}

/// <summary>Assertions on a <see cref="Tensor"/> whose failures say shape, dtype, max abs/rel error and worst index.</summary>
public sealed class TensorAssertions : ReferenceTypeAssertions<Tensor, TensorAssertions>
{
    /// <summary>Wraps <paramref name="subject"/>.</summary>
    public TensorAssertions(Tensor subject) : base(subject) { }

    /// <inheritdoc />
    protected override string Identifier => "tensor";

    /// <summary>
    /// Asserts the same shape and dtype, no unexpected non-finite values, and every element within
    /// <c>|actual − expected| ≤ atol + rtol·|expected|</c>.
    /// </summary>
    public AndConstraint<TensorAssertions> BeCloseTo(Tensor expected, double atol = 1e-8, double rtol = 1e-5,
        string because = "", params object[] becauseArgs)
    {
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject is not null)
            .FailWith("Expected {context:tensor} to be close to a tensor{reason}, but it was <null>.");
        var report = TensorComparison.Compare("tensor", Subject!, expected, new Tolerance(atol, rtol));
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(report.Passed)
            .FailWith("Expected {context:tensor} to be close to the expected tensor{reason}, but " +
                      report.Describe().Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal) + ".");
        return new AndConstraint<TensorAssertions>(this);
    }

    /// <summary>Asserts the tensor has exactly <paramref name="shape"/>.</summary>
    public AndConstraint<TensorAssertions> HaveShape(params long[] shape)
    {
        Execute.Assertion
            .ForCondition(Subject is not null && Subject.shape.AsSpan().SequenceEqual(shape))
            .FailWith("Expected {context:tensor} to have shape {0}, but it has shape {1}.",
                "[" + string.Join(",", shape) + "]", Subject is null ? "<null>" : "[" + string.Join(",", Subject.shape) + "]");
        return new AndConstraint<TensorAssertions>(this);
    }
}
