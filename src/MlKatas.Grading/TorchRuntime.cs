using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace MlKatas.Grading;

/// <summary>Makes sure TorchSharp's native library loads, and says why when it does not.</summary>
public static class TorchRuntime
{
    private static readonly Lazy<string?> Failure = new(Probe);

    /// <summary>
    /// Throws one clear message naming the real cause when TorchSharp cannot load: TorchSharp's own message blames a
    /// missing libtorch-cpu package reference whatever the cause, so the native library is loaded directly here to
    /// get the dynamic loader's own words.
    /// </summary>
    public static void EnsureLoaded()
    {
        if (Failure.Value is { } message)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static string? Probe()
    {
        try
        {
            using var probe = ones(1);
            // One thread for every grading: a solution and the reference are then timed doing the same work the same
            // way, whatever else the machine runs (CI runs two test processes on two cores). With libtorch's default
            // pool, a reference whose kernels go parallel paid a thread wake-up beside a solution that never did — the
            // row-loop mutant of cross-entropy-loss, 50–68× the reference on a quiet machine, once passed a 3× budget.
            TorchSharp.torch.set_num_threads(1);
            return null;
        }
#pragma warning disable CA1031 // Any failure here is reported with its real cause below.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            string library = Path.Combine(AppContext.BaseDirectory,
                OperatingSystem.IsWindows() ? "LibTorchSharp.dll" : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so");
            string cause;
            try
            {
                NativeLibrary.Free(NativeLibrary.Load(library));
                cause = ex.Message;
            }
            catch (DllNotFoundException dl)
            {
                cause = dl.Message;
            }
            string advice = cause.Contains("GLIBCXX", StringComparison.Ordinal)
                ? " Your system's libstdc++ is older than the one TorchSharp was built with. The MlKatas build fixes the copy " +
                  "in bin/ (Directory.Build.targets, 'WeakenElfVersionNeed'): rebuild with `dotnet build` and run from bin/, " +
                  "not from a copy of the NuGet package."
                : " Rebuild with `dotnet build`; TorchSharp's native libraries are copied to bin/ by the build.";
            return "TorchSharp cannot load its native library: " + cause + "." + advice;
        }
    }
}
