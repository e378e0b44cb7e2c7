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
    /// <summary>The verifier on the rules once everything came back (no down links).</summary>
    public VerificationReport? AfterRestore { get; init; }
    /// <summary>The run's own report (`sdnctl run`'s text): what the controller did at each change.</summary>
    public string? RunReport { get; init; }
    /// <summary>Rules after everything came back that a fresh start does not have, or lacks (empty: equal).</summary>
    public IReadOnlyList<string> RestoreDifferences { get; init; } = Array.Empty<string>();
    public int RulesAtSteadyState { get; init; }
    /// <summary>The normalised rules at steady state (the fresh start the restored rules are compared with).</summary>
    public RuleSnapshot? SteadyRules { get; init; }
    /// <summary>The normalised rules once everything was restored and converged.</summary>
    public RuleSnapshot? RestoredRules { get; init; }
    /// <summary>Why the run did not complete: an exception or a setup that never got ready.</summary>
    public string? Crash { get; init; }
    /// <summary>Why the network was skipped (no usable import).</summary>
    public string? Skipped { get; init; }
    public double WallMs { get; init; }

    public bool Clean => Crash is null && RestoreDifferences.Count == 0 &&
                         (Steady?.IsClean ?? true) && (AfterFailure?.IsClean ?? true) && (AfterRestore?.IsClean ?? true) && LostFlows == 0;
    /// <summary>
    /// Declared flows whose hosts the wiring connects but that no switch holds a rule for, or that a drop rule stops
    /// (the verifier's "not installed" and "blocked", no violations for a ping nobody asked for or a block somebody
    /// did, but the storm declares traffic and no blocks: its traffic is lost), summed over the three checks. A
    /// chained flow whose firewall the failures cut off from either end has no legal path: the controller closes it
    /// (drops it at the ingress), and it counts in <see cref="ClosedChains"/>.
    /// </summary>
    public int LostFlows { get; init; }
    /// <summary>Flows the controller's untagging passes took back from the two-phase version tag during the run.</summary>
    public int UntaggedFlows { get; init; }
    /// <summary>Chained flows left without rules because the failures cut the firewall off (correct: fail closed).</summary>
    public int ClosedChains { get; init; }

    public int Count(Verdict v) => (Steady?.Count(v) ?? 0) + (AfterFailure?.Count(v) ?? 0) + (AfterRestore?.Count(v) ?? 0);

    public override string ToString()
    {
        var what = Skipped is not null ? $"skipped: {Skipped}" :
            Crash is not null ? $"CRASH: {Crash}" :
            $"{Switches} switches, {Flows} flows{(Chained ? ", chain" : "")}, {Failure?.ToString() ?? "no failure possible"}: " +
            $"loops {Count(Verdict.Loop)}, black holes {Count(Verdict.BlackHole)}, bypasses {Count(Verdict.ChainBypass) + Count(Verdict.ChainReordered)}, " +
            $"wrong host {Count(Verdict.WrongHost)}, lost flows {LostFlows}, restore {(RestoreDifferences.Count == 0 ? "equal" : "DIFFERENT")}";
        return $"{Network} seed {Seed}: {what} ({WallMs:0} ms)";
    }
}
