using MlKatas.Cli.Commands;
using MlKatas.Cli.State;
using MlKatas.Grading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlKatas.Cli;

/// <summary>The <c>mlkatas</c> command line: commands, help, and how errors become messages and exit codes.</summary>
public static class CliApp
{
    /// <summary>Exit code of a usage error (unknown kata, bad option, unusable file).</summary>
    public const int UsageError = 2;

    /// <summary>Runs <paramref name="args"/> with <paramref name="services"/>.</summary>
    public static int Run(string[] args, CliServices services)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(services);
        ProcessTrace.Mark("runner: main");
        if (args is ["check", ..] && !args.Contains("--help") && !args.Contains("-h")
            && Environment.GetEnvironmentVariable("MLKATAS_PRESTART") != "off")
        {
            // Start the grading process before Spectre parses anything: it loads libtorch while this process starts up
            // and compiles the solution. MLKATAS_PRESTART=off starts it when the grading does (to measure the
            // difference: benchmarks/scripts/check-latency.sh, docs/cli.md).
            services.PrestartWorker();
            ProcessTrace.Mark("runner: worker prestarted");
        }
        try
        {
            return RunCommand(args, services);
        }
        finally
        {
            services.StopPrestartedWorker();
        }
    }

    private static int RunCommand(string[] args, CliServices services)
    {
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(CliServices), services);
        var app = new CommandApp<ProgressCommand>(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("mlkatas");
            config.ConfigureConsole(services.Console);
            config.UseStrictParsing();
            config.CancellationExitCode(130);
            config.AddCommand<ListCommand>("list").WithDescription("Every kata with topic, difficulty and your status.")
                .WithExample("list", "--topic", "attention");
            config.AddCommand<ShowCommand>("show").WithDescription("The kata's statement.").WithExample("show", "k-means");
            config.AddCommand<StartCommand>("start").WithDescription("Show the statement, record the start, and say which file to edit.")
                .WithExample("start", "k-means");
            config.AddCommand<CheckCommand>("check").WithDescription("Grade katas (each in its own process): verdict, cases, speed, growth.")
                .WithExample("check", "k-means").WithExample("check", "--all", "--no-timing")
                .WithExample("check", "--changed", "--base", "origin/main").WithExample("check", "k-means", "--impl", "reference");
            config.AddCommand<WatchCommand>("watch").WithDescription("Regrade on every save of the solution file.").WithExample("watch", "k-means");
            config.AddCommand<HintCommand>("hint").WithDescription("The next of the kata's hints.").WithExample("hint", "k-means");
            config.AddCommand<ResetCommand>("reset").WithDescription("Restore the stub; your file is kept as a timestamped backup.")
                .WithExample("reset", "k-means");
            config.AddCommand<PracticeCommand>("practice").WithDescription("A timed mock interview: countdown, regrade on save, attempt history.")
                .WithExample("practice").WithExample("practice", "--topic", "attention", "--minutes", "25");
            config.AddCommand<ProgressCommand>("progress").WithDescription("History, mastery by topic and what to do next (--html for charts).");
            config.AddCommand<ReportCommand>("report").WithDescription("The last gradings as markdown, JUnit or JSON (for CI).")
                .WithExample("report", "--format", "junit", "--output", "mlkatas.xml");
            config.AddBranch("dev", dev =>
            {
                dev.SetDescription("Tools for kata authors.");
                dev.AddCommand<DevCheckCommand>("check")
                    .WithDescription("Graders' self-check: metadata, statement, cases, stub, reference, every mutant (a kata × mutant table).")
                    .WithExample("dev", "check").WithExample("dev", "check", "k-means", "--static");
                dev.AddCommand<DevCalibrateCommand>("calibrate")
                    .WithDescription("Time each reference, control and speed mutant N times: ratios, budgets, margins and slopes to set budgets from.")
                    .WithExample("dev", "calibrate", "k-means", "--runs", "5");
                dev.AddCommand<DevSweepCommand>("sweep")
                    .WithDescription("Grade every reference and mutant at many seeds, without timing: finds random cases that are not well posed.")
                    .WithExample("dev", "sweep", "--seeds", "50").WithExample("dev", "sweep", "soft-margin-svm", "--first-seed", "1", "--seeds", "300");
            });
            config.SetExceptionHandler((ex, _) => Fail(services.Console, ex));
        });
        return app.Run(args);
    }

    private static int Fail(IAnsiConsole console, Exception ex)
    {
        switch (ex)
        {
            case UserErrorException:
            case CommandParseException:
            case CommandRuntimeException:
                console.MarkupLine("[red]error:[/] " + Markup.Escape(ex.Message));
                if (ex is CommandParseException or CommandRuntimeException)
                {
                    console.MarkupLine("[grey]see `mlkatas --help`, or `mlkatas <command> --help`.[/]");
                }
                return UsageError;
            case OperationCanceledException:
                return 130;
            case DirectoryNotFoundException when ex.Message.Contains(RepoLayout.RootVariable, StringComparison.Ordinal):
                console.MarkupLine("[red]error:[/] " + Markup.Escape(ex.Message));
                return UsageError;
            default:
                console.MarkupLine("[red]mlkatas failed unexpectedly (a bug; please report it with this text):[/]");
                console.WriteException(ex);
                return 70;
        }
    }

    /// <summary>The services of a real run: the terminal, the checkout found from the current folder, the user's history.</summary>
    public static CliServices DefaultServices() => new()
    {
        Console = AnsiConsole.Console,
        Layout = RepoLayout.Current,
        Store = ProgressStore.FromEnvironment(),
    };
}
