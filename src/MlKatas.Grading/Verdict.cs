namespace MlKatas.Grading;

/// <summary>
/// The outcome of one grading. The order is the precedence: a grading ends in the first verdict that applies
/// (DESIGN.md, "Verdicts"), so a program that both crashes and is slow is a <see cref="RuntimeError"/>.
/// </summary>
public enum Verdict
{
    /// <summary>The solution file does not compile, or does not declare the kata's contract.</summary>
    CompileError,
    /// <summary>The compiled solution references an API the kata (or MlKatas globally) forbids.</summary>
    ForbiddenApi,
    /// <summary>Every entry point still throws <see cref="NotImplementedException"/>: the stub is untouched.</summary>
    NotAttempted,
    /// <summary>The solution threw, or the process it ran in died.</summary>
    RuntimeError,
    /// <summary>A case ran past the kata's wall-clock limit.</summary>
    TimeLimitExceeded,
    /// <summary>The solution allocated past the kata's memory limit.</summary>
    MemoryLimitExceeded,
    /// <summary>An output has the wrong shape.</summary>
    WrongShape,
    /// <summary>An output has the wrong dtype.</summary>
    WrongDtype,
    /// <summary>An output holds NaN or ±Inf where the expected value is finite.</summary>
    NonFinite,
    /// <summary>The solution wrote into one of its input tensors.</summary>
    InputMutated,
    /// <summary>An output is outside the tolerance.</summary>
    WrongAnswer,
    /// <summary>A gradient is outside the tolerance.</summary>
    WrongGradient,
    /// <summary>Correct, but slower than the kata's budget relative to the reference.</summary>
    TooSlow,
    /// <summary>Correct, but its running time grows faster than the kata's declared complexity.</summary>
    WrongComplexity,
    /// <summary>Everything checked holds.</summary>
    Passed,
}

/// <summary>Helpers over <see cref="Verdict"/>.</summary>
public static class Verdicts
{
    /// <summary>The verdict that takes precedence (the earlier one in DESIGN.md's list).</summary>
    public static Verdict First(Verdict a, Verdict b) => (int)a <= (int)b ? a : b;

    /// <summary>A one-line explanation of the verdict for a learner.</summary>
    public static string Explain(this Verdict verdict) => verdict switch
    {
        Verdict.CompileError => "the solution does not compile, or does not declare the kata's signatures",
        Verdict.ForbiddenApi => "the solution uses an API this kata forbids",
        Verdict.NotAttempted => "the stub still throws NotImplementedException",
        Verdict.RuntimeError => "the solution threw an exception",
        Verdict.TimeLimitExceeded => "a case ran past the time limit",
        Verdict.MemoryLimitExceeded => "the solution allocated past the memory limit",
        Verdict.WrongShape => "an output has the wrong shape",
        Verdict.WrongDtype => "an output has the wrong dtype",
        Verdict.NonFinite => "an output holds NaN or infinity",
        Verdict.InputMutated => "the solution modified an input tensor",
        Verdict.WrongAnswer => "an output is outside the tolerance",
        Verdict.WrongGradient => "a gradient is outside the tolerance",
        Verdict.TooSlow => "correct, but slower than the speed budget",
        Verdict.WrongComplexity => "correct, but the running time grows faster than the kata allows",
        Verdict.Passed => "all checks passed",
        _ => verdict.ToString(),
    };
}
