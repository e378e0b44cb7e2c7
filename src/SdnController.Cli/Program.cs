using System.CommandLine;
using SdnController.Cli;
using SdnController.Cli.Commands;
using SdnController.Cli.Input;

var root = new RootCommand("sdnctl — SdnController: load topologies, compute and reroute paths, analyse failures, classify traffic")
{
    ValidateCommand.Create(),
    ShowCommand.Create(),
    RoutesCommand.Create(),
    AnalyzeCommand.Create(),
    BenchCommand.Create(),
    GenerateCommand.Create(),
    ConvertCommand.Create(),
    RunCommand.Create(),
    TracesCommand.Create(),
    ShellCommand.Create(),
    VerifyCommand.Create(),
    ClassifyCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"sdnctl: error: {error.Message}");
    Console.Error.WriteLine("Try 'sdnctl --help' or 'sdnctl <command> --help'.");
    return ExitCodes.BadInput;
}

try
{
    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (InputRejectedException)
{
    return ExitCodes.BadInput; // already reported as file:line:col diagnostics
}
catch (SdnController.Scenarios.RunFailedException e)
{
    Console.Error.WriteLine($"sdnctl: error: {e.Message}");
    return ExitCodes.Failure; // the run could not proceed; already said why
}
catch (UsageException e)
{
    Console.Error.WriteLine($"sdnctl: error: {e.Message}");
    return ExitCodes.BadInput;
}
catch (IOException e)
{
    Console.Error.WriteLine($"sdnctl: error: {e.Message}");
    return ExitCodes.Failure;
}
catch (UnauthorizedAccessException e)
{
    Console.Error.WriteLine($"sdnctl: error: {e.Message}");
    return ExitCodes.Failure;
}
