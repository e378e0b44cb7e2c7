using SdnController.Controller.Observation;
using SdnController.Southbound.Nfv;

namespace SdnController.Scenarios.Reporting;

/// <summary>
/// One network function instance at the end of a run, as its controller actor saw it: state and applied version
/// (from its last status or acknowledgement), every acknowledged push, its outages, the per-rule counters it
/// answered to the run's final counters request, and its IDS alerts. Times are run times.
/// </summary>
public sealed record FunctionReport(
    string Id,
    string Kind,
    string Attachment,
    string State,
    long AppliedVersion,
    IReadOnlyList<FunctionPushReport> Configurations,
    IReadOnlyList<FunctionOutageReport> Outages,
    IReadOnlyList<FunctionAlertReport> Alerts)
{
    /// <summary>Totals and per-rule counters from the final counters request; null when the instance did not answer (see CountersNote).</summary>
    public FunctionPacketCounts? Counters { get; init; }
    public IReadOnlyList<FunctionRuleCounts> Rules { get; init; } = Array.Empty<FunctionRuleCounts>();
    /// <summary>Why there are no counters (down, no reply), or null.</summary>
    public string? CountersNote { get; init; }
    /// <summary>Pushes the instance refused (another kind's rules, version below 1), with its error.</summary>
    public IReadOnlyList<string> Rejections { get; init; } = Array.Empty<string>();
    /// <summary>Flows the controller blocked with switch drop rules after this IDS's blocking alerts.</summary>
    public IReadOnlyList<FunctionBlockReport> Blocks { get; init; } = Array.Empty<FunctionBlockReport>();
}

/// <summary>A flow blocked by controller drop rules at the switches (none, with Reason, when no ingress was known); At = the rules confirmed.</summary>
public sealed record FunctionBlockReport(TimeSpan At, string Signature, string Flow, IReadOnlyList<string> Switches, string? Reason)
{
    /// <summary>The block's number (the shell's `unblock` id); 0 when nothing was installed.</summary>
    public long Id { get; init; }
    /// <summary>When its lifetime (the IDS's block_for) ends; null: it lasts until lifted by hand.</summary>
    public TimeSpan? ExpiresAt { get; init; }
    /// <summary>When its end was confirmed (its rules removed), and why: expired or operator; null while in force.</summary>
    public TimeSpan? LiftedAt { get; init; }
    public string? LiftedReason { get; init; }
}

/// <summary>An acknowledged push: the version in force from At, why it was sent, how many sends it took and the last one's round trip.</summary>
public sealed record FunctionPushReport(TimeSpan At, long Version, string Outcome, string Reason, int Attempts, TimeSpan RoundTrip);

/// <summary>The instance reported down at DownAt, back up (restarted) at UpAt, running the desired version again at ReconfiguredAt.</summary>
public sealed record FunctionOutageReport(TimeSpan DownAt, TimeSpan? UpAt, TimeSpan? ReconfiguredAt, long? Version);

public sealed record FunctionAlertReport(TimeSpan At, string Signature, string Flow, bool Blocked);

/// <summary>The controller's handling of an injected nfv down/up: when it heard of it and, after an up, when the instance ran its rules again.</summary>
public sealed record FunctionReaction(TimeSpan Reported, long AppliedVersion)
{
    /// <summary>After an up: from the change to the re-configuration acknowledged; null if it never was.</summary>
    public TimeSpan? Reconfigured { get; init; }
    public long? Version { get; init; }
    public int Attempts { get; init; }
}

/// <summary>Builds the run report's functions section from the controller's events.</summary>
internal static class FunctionReports
{
    public static List<FunctionReport> Build(Topology.Model.Topology topology, IReadOnlyList<ControllerEvent> events, TimeSpan origin, long countersRequest)
    {
        var result = new List<FunctionReport>(topology.Nfv.Count);
        foreach (var f in topology.Nfv)
        {
            var state = "unknown";
            long applied = 0;
            var pushes = new List<FunctionPushReport>();
            var outages = new List<FunctionOutageReport>();
            var alerts = new List<FunctionAlertReport>();
            var rejections = new List<string>();
            var blocks = new List<FunctionBlockReport>();
            FunctionCountersCollected? counters = null;
            FunctionOutageReport? open = null;
            foreach (var e in events)
            {
                switch (e)
                {
                    case FunctionStateChanged s when s.FunctionId == f.Id:
                        state = s.Up ? "up" : "down";
                        applied = s.AppliedVersion;
                        if (!s.Up && open is null) open = new FunctionOutageReport(s.At - origin, null, null, null);
                        else if (s.Up && open is { UpAt: null }) open = open with { UpAt = s.At - origin };
                        break;
                    case FunctionConfigurationApplied c when c.FunctionId == f.Id:
                        applied = c.Version;
                        pushes.Add(new FunctionPushReport(c.At - origin, c.Version, Controller.Telemetry.NfvTelemetry.OutcomeName(c.Outcome), c.Reason, c.Attempts, c.RoundTrip));
                        if (open is { UpAt: not null })
                        {
                            outages.Add(open with { ReconfiguredAt = c.At - origin, Version = c.Version });
                            open = null;
                        }
                        break;
                    case FunctionConfigurationRejected r when r.FunctionId == f.Id:
                        rejections.Add($"version {r.Version}: {r.Error}");
                        break;
                    case FunctionAlertRaised a when a.FunctionId == f.Id:
                        alerts.Add(new FunctionAlertReport(a.RaisedAt - origin, a.SignatureId, a.Flow, a.Blocked));
                        break;
                    case FlowBlocked b when b.FunctionId == f.Id:
                        blocks.Add(new FunctionBlockReport(b.At - origin, b.SignatureId, b.Flow, b.Switches, b.Reason)
                            { Id = b.Switches.IsEmpty ? 0 : b.BlockId, ExpiresAt = b.ExpiresAt - origin });
                        break;
                    case FlowUnblocked u when u.FunctionId == f.Id:
                        var lifted = blocks.FindIndex(x => x.Id == u.BlockId);
                        if (lifted >= 0) blocks[lifted] = blocks[lifted] with { LiftedAt = u.At - origin, LiftedReason = u.Reason };
                        break;
                    case FunctionCountersCollected k when k.FunctionId == f.Id && k.RequestId == countersRequest:
                        counters = k;
                        if (k.Total is not null) applied = k.AppliedVersion;
                        break;
                }
            }
            if (open is not null) outages.Add(open);
            result.Add(new FunctionReport(f.Id, Topology.Model.Nfv.NfvKinds.Name(f.Kind), f.Attachment.ToString(), state, applied, pushes, outages, alerts)
            {
                Counters = counters?.Total,
                Rules = counters is { Total: not null } ? counters.Rules : Array.Empty<FunctionRuleCounts>(),
                CountersNote = counters is null ? "not collected" : counters.Reason,
                Rejections = rejections,
                Blocks = blocks,
            });
        }
        return result;
    }

    /// <summary>The controller's reaction to an injected nfv down or up of <paramref name="functionId"/> at run time <paramref name="at"/> (before <paramref name="until"/>).</summary>
    public static FunctionReaction? Reaction(string functionId, bool up, TimeSpan at, TimeSpan until, IReadOnlyList<ControllerEvent> events, TimeSpan origin)
    {
        FunctionReaction? reaction = null;
        foreach (var e in events)
        {
            var t = e.At - origin;
            if (t < at) continue;
            if (t >= until) break;
            if (reaction is null)
            {
                if (e is FunctionStateChanged s && s.FunctionId == functionId && s.Up == up)
                {
                    reaction = new FunctionReaction(t - at, s.AppliedVersion);
                    if (!up) return reaction;
                }
                continue;
            }
            if (e is FunctionConfigurationApplied c && c.FunctionId == functionId)
                return reaction with { Reconfigured = t - at, Version = c.Version, Attempts = c.Attempts };
        }
        return reaction;
    }
}
