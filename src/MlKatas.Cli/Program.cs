using MlKatas.Cli;

return GradeWorker.IsWorkerInvocation(args)
    ? GradeWorker.Run(args[1..], Console.Error)
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("""
        mlkatas: the runner's learner commands are not built yet.
        Grade your katas with:   dotnet test graders/Tests
        Grade one kata with:     dotnet test --filter-trait Kata=<slug>
        """);
    return 2;
}
