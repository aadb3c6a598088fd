using System.Reflection;

namespace MlKatas.Grading;

/// <summary>Finds a kata's public contract in a compiled solution, and says precisely what is missing if it is not there.</summary>
public static class ContractBinder
{
    /// <summary>The namespace every kata's types live in.</summary>
    public const string Namespace = "MlKatas.Katas";

    /// <summary>
    /// Binds <c>public static</c> <paramref name="method"/> of class <paramref name="type"/> with the parameter types of
    /// <typeparamref name="TDelegate"/> (return types may be more derived, e.g. a solution's own record type).
    /// </summary>
    public static TDelegate StaticMethod<TDelegate>(Assembly assembly, string type, string method, string signature)
        where TDelegate : Delegate
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var t = assembly.GetType(Namespace + "." + type)
            ?? throw new ContractMismatchException(
                $"no public class {Namespace}.{type}; the kata expects it to declare `{signature}`");
        var invoke = typeof(TDelegate).GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(p => p.ParameterType).ToArray();
        var m = t.GetMethod(method, BindingFlags.Public | BindingFlags.Static, parameters)
            ?? throw new ContractMismatchException(
                $"{type} has no `{signature}` (public static, with exactly these parameter types)");
        try
        {
            return m.CreateDelegate<TDelegate>();
        }
        catch (ArgumentException ex)
        {
            throw new ContractMismatchException($"{type}.{method} must be `{signature}`; its return type is {m.ReturnType.Name}", ex);
        }
    }

    /// <summary>Reads property <paramref name="name"/> of a result object the solution returned (e.g. its own record).</summary>
    public static T Property<T>(object result, string name)
    {
        ArgumentNullException.ThrowIfNull(result);
        var p = result.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new ContractMismatchException($"{result.GetType().Name} has no public property {name}");
        return p.GetValue(result) is T value
            ? value
            : throw new ContractMismatchException($"{result.GetType().Name}.{name} must be a non-null {typeof(T).Name}");
    }
}
