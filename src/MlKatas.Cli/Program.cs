using MlKatas.Cli;
using MlKatas.Grading;

if (GradeWorker.IsWorkerInvocation(args))
{
    return GradeWorker.Run(args[1..], Console.Error);
}
CliServices services;
try
{
    services = CliApp.DefaultServices();
}
catch (DirectoryNotFoundException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return CliApp.UsageError;
}
return CliApp.Run(args, services);
