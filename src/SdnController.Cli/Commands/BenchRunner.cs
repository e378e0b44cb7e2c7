using SdnController.Cli.Input;

namespace SdnController.Cli.Commands;

/// <summary>
/// What every controller bench command does with its options: run the benchmark with progress on stderr
/// (an option the benchmark rejects is a usage error), then print the result as JSON or text.
/// </summary>
internal static class BenchRunner
{
    public static int Run<TResult>(Func<Action<string>, TResult> benchmark, bool json, Action<TResult> writeJson, Action<TResult> writeText)
    {
        TResult result;
        try
        {
            result = benchmark(m => Console.Error.WriteLine(m));
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        if (json) writeJson(result);
        else writeText(result);
        return ExitCodes.Success;
    }
}
