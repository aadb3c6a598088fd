namespace MlKatas.Tests.Cli;

/// <summary>
/// <c>mlkatas dev calibrate</c> on the fixture checkout. It times gradings (the reference against itself must stay inside
/// its budget), so it runs in the serial timed collection, not beside the parallel tests.
/// </summary>
[Collection(nameof(SerialTimed))]
public sealed class DevCalibrateTests : IDisposable
{
    private readonly FixtureCatalogue _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Times_the_reference_and_the_speed_mutants_and_prints_ratios_and_margins()
    {
        // The fixture's k-means with a TooSlow mutant (a per-point loop) and a WrongAnswer one, which is not timed.
        string mutants = Path.Combine(_f.Root, "tests", "MlKatas.Tests", "Mutants", "k-means");
        Directory.CreateDirectory(mutants);
        File.Copy(FixtureCatalogue.RealMutant("PerPointLoop"), Path.Combine(mutants, "PerPointLoop.cs"));
        File.Copy(FixtureCatalogue.RealMutant("TiesToHighestIndex"), Path.Combine(mutants, "TiesToHighestIndex.cs"));
        var (exit, output) = _f.Run("dev", "calibrate", "k-means", "--runs", "1");
        exit.Should().Be(0, output);
        output.Should().Contain("k-means — speed budget").And.Contain("Reference").And.Contain("PerPointLoop")
            .And.Contain("TooSlow ×1").And.Contain("× over").And.Contain("× under")
            .And.Contain("dev calibrate: 2 files, every grading got its expected verdict");
        output.Should().NotContain("TiesToHighestIndex", "a WrongAnswer mutant is not timed");

        var bad = _f.Run("dev", "calibrate", "--runs", "0");
        bad.Exit.Should().NotBe(0);
        bad.Output.Should().Contain("--runs must be between 1 and 100");
    }
}
