namespace SdnController.Verification.Checking;

/// <summary>One probe's verdict with its witness: the header sent, the hops walked and where it went wrong.</summary>
public sealed record Finding(Verdict Verdict, Probe Probe, IReadOnlyList<string> Path, IReadOnlyList<string> Functions, string Where)
{
    public override string ToString() =>
        $"{Verdicts.Name(Verdict)}: {Probe.Name} [{Probe.Header.Describe()}]: {Where}; path {string.Join(" ", Path)}"
        + (Functions.Count > 0 ? $"; functions {string.Join(",", Functions)}" : "");
}
