using SdnController.Verification.Checking;

namespace SdnController.Scenarios.Storms;

/// <summary>One network under one seed's storm: the verifier's reports at steady state and after the failures, and the restore comparison.</summary>
public sealed record StormResult(string Network, int Seed)
{
    public int Switches { get; init; }
    public int Flows { get; init; }
    public bool Chained { get; init; }
    /// <summary>Null when the network has nothing to fail (a single switch) or could not be built.</summary>
    public StormFailure? Failure { get; init; }
    public VerificationReport? Steady { get; init; }
    public VerificationReport? AfterFailure { get; init; }
    /// <summary>Rules after everything came back that a fresh start does not have, or lacks (empty: equal).</summary>
    public IReadOnlyList<string> RestoreDifferences { get; init; } = Array.Empty<string>();
    public int RulesAtSteadyState { get; init; }
    /// <summary>Why the run did not complete: an exception or a setup that never got ready.</summary>
    public string? Crash { get; init; }
    /// <summary>Why the network was skipped (no usable import).</summary>
    public string? Skipped { get; init; }
    public double WallMs { get; init; }

    public bool Clean => Crash is null && RestoreDifferences.Count == 0 &&
                         (Steady?.IsClean ?? true) && (AfterFailure?.IsClean ?? true);

    public int Count(Verdict v) => (Steady?.Count(v) ?? 0) + (AfterFailure?.Count(v) ?? 0);

    public override string ToString()
    {
        var what = Skipped is not null ? $"skipped: {Skipped}" :
            Crash is not null ? $"CRASH: {Crash}" :
            $"{Switches} switches, {Flows} flows{(Chained ? ", chain" : "")}, {Failure?.ToString() ?? "no failure possible"}: " +
            $"loops {Count(Verdict.Loop)}, black holes {Count(Verdict.BlackHole)}, bypasses {Count(Verdict.ChainBypass) + Count(Verdict.ChainReordered)}, " +
            $"wrong host {Count(Verdict.WrongHost)}, restore {(RestoreDifferences.Count == 0 ? "equal" : "DIFFERENT")}";
        return $"{Network} seed {Seed}: {what} ({WallMs:0} ms)";
    }
}
