using SdnController.Fuzz.Common;

namespace SdnController.Fuzz.Cli;

public sealed class CliFuzzReport
{
    public long ShellLines { get; set; }
    public long ShellRuns { get; set; }
    public long ArgvRuns { get; set; }
    /// <summary>Exit code → runs, for the report.</summary>
    public SortedDictionary<int, long> ExitCodes { get; } = new();
    public long StackTraces { get; set; }
    public long Hangs { get; set; }
    public List<Failure> Failures { get; } = new();
    public TimeSpan Elapsed { get; set; }

    public IEnumerable<string> Lines()
    {
        yield return $"shell lines fuzzed:      {ShellLines:N0} in {ShellRuns} `sdnctl shell` runs";
        yield return $"argv runs fuzzed:        {ArgvRuns:N0}";
        yield return $"exit codes:              {string.Join(", ", ExitCodes.Select(kv => $"{kv.Key}: {kv.Value}"))}";
        yield return $"stack traces/exceptions: {StackTraces}";
        yield return $"hangs:                   {Hangs}";
        yield return $"elapsed:                 {Elapsed.TotalSeconds:N1} s";
    }
}
