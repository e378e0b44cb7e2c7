using System.Text.Json;
using SdnController.Scenarios.Playback;

namespace SdnController.Scenarios.Reporting;

/// <summary>The `sdnctl run --json` document (contract: docs/run-report.md). Times in milliseconds.</summary>
public static class RunReportJson
{
    /// <param name="includeWallTimes">Also write what differs between identical runs: wall-clock times and trace ids.</param>
    public static void Write(Utf8JsonWriter w, RunReport r, bool includeWallTimes = true)
    {
        w.WriteStartObject();
        w.WriteString("topology", r.Topology);
        w.WriteString("clock", r.VirtualTime ? "virtual" : "realtime");
        w.WriteNumber("seed", r.Seed);
        w.WriteNumber("duration_ms", Ms(r.Duration));
        w.WriteBoolean("passed", r.ExpectationsPassed && r.Totals.Looped == 0);

        w.WriteStartObject("setup");
        w.WriteNumber("switches", r.Setup.Switches);
        w.WriteNumber("links", r.Setup.Links);
        w.WriteNumber("hosts", r.Setup.Hosts);
        w.WriteNumber("flows", r.Setup.Flows);
        w.WriteNumber("rules", r.Setup.Rules);
        // Only when ECMP spread something, so reports of single-path runs stay as they were.
        if (r.Setup.EcmpFlows > 0 || r.Setup.Groups > 0)
        {
            w.WriteNumber("ecmp_flows", r.Setup.EcmpFlows);
            w.WriteNumber("groups", r.Setup.Groups);
        }
        w.WriteNumber("ready_after_ms", Ms(r.Setup.ReadyAfter));
        if (includeWallTimes) w.WriteNumber("wall_ms", Round(r.Setup.WallMs));
        w.WriteStartArray("unroutable_flows");
        foreach (var f in r.Setup.UnroutableFlows) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteEndObject();

        if (r.Protection is { } protection) WriteProtection(w, protection);

        w.WriteStartArray("changes");
        foreach (var c in r.Changes) WriteChange(w, c, includeWallTimes);
        w.WriteEndArray();

        w.WriteStartArray("other_reactions");
        foreach (var o in r.OtherReactions)
        {
            w.WriteStartObject();
            w.WriteNumber("at_ms", Ms(o.At));
            w.WriteString("kind", o.Up ? "link-up" : "link-down");
            w.WriteStartArray("links");
            foreach (var l in o.LinkIds) w.WriteStringValue(l);
            w.WriteEndArray();
            WriteReaction(w, o.Reaction, includeWallTimes);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        CongestionReportWriter.WriteJson(w, r.Congestion, includeWallTimes);
        // Only for topologies with network functions, so other reports stay as they were.
        if (r.Functions.Count > 0) FunctionReportWriter.WriteJson(w, r.Functions);
        if (r.Chains.Count > 0) ChainReports.WriteJson(w, r.Chains);
        // Only when the classifier labelled something (a policy: section), so other reports stay as they were.
        if (r.Policy.Count > 0) PolicyReports.WriteJson(w, r.Policy);
        if (r.Untagging.Count > 0) UntagReports.WriteJson(w, r.Untagging);
        if (r.RealHosts.Count > 0) RealHostReports.WriteJson(w, r.RealHosts);

        w.WriteStartArray("expectations");
        foreach (var e in r.Expectations)
        {
            w.WriteStartObject();
            w.WriteNumber("at_ms", Ms(e.At));
            w.WriteString("check", e.Check);
            w.WriteString("from", e.From);
            w.WriteString("to", e.To);
            w.WriteBoolean("expect_reach", e.ExpectedReach);
            w.WriteBoolean("passed", e.Passed);
            w.WriteString("detail", e.Detail);
            if (e.RoundTrip is { } rtt) w.WriteNumber("rtt_ms", Ms(rtt));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("restarts");
        foreach (var x in r.Restarts)
        {
            w.WriteStartObject();
            w.WriteNumber("at_ms", Ms(x.At));
            w.WriteString("switch", x.SwitchId);
            w.WriteString("reason", x.Reason);
            if (x.ResyncRulesAdded is { } a) w.WriteNumber("resync_rules_added", a);
            if (x.ResyncRulesRemoved is { } d) w.WriteNumber("resync_rules_removed", d);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (r.Recoveries.Count > 0)
        {
            // Only runs with a controller restart have it: other reports stay byte-for-byte as they were.
            w.WriteStartArray("recoveries");
            foreach (var x in r.Recoveries)
            {
                w.WriteStartObject();
                w.WriteNumber("killed_at_ms", Ms(x.KilledAt));
                w.WriteBoolean("persistent", x.Persistent);
                w.WriteNumber("intents", x.Intents);
                w.WriteNumber("flows", x.Flows);
                w.WriteNumber("blocks", x.Blocks);
                w.WriteNumber("backends", x.Backends);
                w.WriteNumber("labels", x.Labels);
                w.WriteNumber("configs", x.Configs);
                w.WriteNumber("switches_reconciled", x.SwitchesReconciled);
                w.WriteNumber("rules_added", x.RulesAdded);
                w.WriteNumber("rules_removed", x.RulesRemoved);
                if (x.ReconciledAt is { } at) w.WriteNumber("reconciled_at_ms", Ms(at));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        w.WriteStartObject("totals");
        w.WriteNumber("sent", r.Totals.Sent);
        w.WriteNumber("delivered", r.Totals.Delivered);
        w.WriteNumber("lost", r.Totals.Lost);
        w.WriteNumber("reordered", r.Totals.Reordered);
        w.WriteNumber("duplicates", r.Totals.Duplicates);
        w.WriteNumber("looped", r.Totals.Looped);
        w.WriteStartObject("drops");
        foreach (var (reason, count) in r.Totals.DropsByReason) w.WriteNumber(JsonName(reason), count);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("flows");
        foreach (var f in r.Flows)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Id);
            w.WriteString("from", f.From);
            w.WriteString("to", f.To);
            w.WriteString("kind", f.Kind);
            w.WriteNumber("sent", f.Sent);
            w.WriteNumber("delivered", f.Delivered);
            w.WriteNumber("lost", f.Lost);
            w.WriteNumber("reordered", f.Reordered);
            w.WriteStartArray("path");
            foreach (var s in f.Path) w.WriteStringValue(s);
            w.WriteEndArray();
            if (f.LastDelivery is { } last) w.WriteNumber("last_delivery_ms", Ms(last));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteProtection(Utf8JsonWriter w, ProtectionReport p)
    {
        w.WriteStartObject("protection");
        w.WriteNumber("flows", p.Flows);
        w.WriteNumber("protected", p.Protected);
        w.WriteStartArray("unprotected");
        foreach (var u in p.Unprotected)
        {
            w.WriteStartObject();
            w.WriteString("flow", u.FlowId);
            w.WriteString("direction", u.Direction);
            w.WriteString("from", u.From);
            w.WriteString("to", u.To);
            w.WriteString("hop", u.Hop);
            w.WriteString("reason", u.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteChange(Utf8JsonWriter w, ChangeReport c, bool wall)
    {
        w.WriteStartObject();
        w.WriteNumber("at_ms", Ms(c.Event.At));
        w.WriteString("event", c.Event.Description);
        w.WriteString("kind", Kind(c.Event.Kind));
        w.WriteStartArray("links");
        foreach (var l in c.Event.LinkIds) w.WriteStringValue(l);
        w.WriteEndArray();
        if (c.Event.SwitchId is { } sw) w.WriteString("switch", sw);
        if (c.Event.Silent) w.WriteBoolean("silent", true);
        if (c.Reaction is { } r)
        {
            WriteReaction(w, r, wall);
        }
        else
        {
            w.WriteNull("controller");
        }
        if (c.FunctionReaction is { } fr) FunctionReportWriter.WriteReaction(w, fr);
        w.WriteNumber("packets_lost", c.PacketsLost);
        if (c.LossCountedWithPrevious) w.WriteBoolean("loss_counted_with_previous", true);
        w.WriteNumber("flows_disrupted", c.FlowsDisrupted);
        if (c.FirstDeliveryOnNewPathMax is { } max) w.WriteNumber("first_delivery_on_new_path_max_ms", Ms(max));
        if (c.FirstDeliveryOnNewPathMedian is { } med) w.WriteNumber("first_delivery_on_new_path_p50_ms", Ms(med));
        w.WriteStartArray("flows");
        foreach (var f in c.PerFlow)
        {
            w.WriteStartObject();
            w.WriteString("flow", f.FlowId);
            w.WriteNumber("lost", f.PacketsLost);
            if (f.FirstDeliveryOnNewPath is { } t) w.WriteNumber("first_delivery_on_new_path_ms", Ms(t));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteReaction(Utf8JsonWriter w, ReactionReport r, bool wall)
    {
        w.WriteStartObject("controller");
        w.WriteString("detection", DetectionName(r.Method));
        w.WriteNumber("detect_ms", Ms(r.Detection));
        if (r.HeldDown > TimeSpan.Zero) w.WriteNumber("held_down_ms", Ms(r.HeldDown));
        w.WriteNumber("compute_ms", Ms(r.Computation));
        w.WriteNumber("install_ms", Ms(r.Installation));
        w.WriteNumber("commit_ms", Ms(r.Commit));
        w.WriteNumber("total_ms", Ms(r.Detection + r.Computation + r.Installation + r.Commit));
        if (wall)
        {
            w.WriteNumber("wall_compute_ms", Round(r.WallComputeMs));
            w.WriteNumber("wall_total_ms", Round(r.WallTotalMs));
        }
        w.WriteNumber("affected_flows", r.AffectedFlows);
        w.WriteNumber("rerouted_flows", r.ReroutedFlows);
        w.WriteStartArray("unreachable_flows");
        foreach (var f in r.UnreachableFlows) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteNumber("rules_added", r.RulesAdded);
        w.WriteNumber("rules_removed", r.RulesRemoved);
        w.WriteNumber("switches_touched", r.SwitchesTouched);
        w.WriteString("update_method", r.UpdateMethod);
        w.WriteNumber("ordered_flows", r.OrderedFlows);
        w.WriteNumber("two_phase_flows", r.TwoPhaseFlows);
        if (r.SharedWithPrevious) w.WriteBoolean("shared_with_previous", true);
        if (wall && r.Trace != default) w.WriteString("trace_id", r.Trace.TraceId.ToHexString());
        w.WriteEndObject();
    }

    public static string Kind(InjectedKind k) => k switch
    {
        InjectedKind.LinkDown => "link-down",
        InjectedKind.LinkUp => "link-up",
        InjectedKind.SwitchDown => "switch-down",
        InjectedKind.SwitchUp => "switch-up",
        InjectedKind.FunctionDown => "nfv-down",
        InjectedKind.FunctionUp => "nfv-up",
        _ => "actor-crash",
    };

    public static string DetectionName(Controller.Messages.DetectionMethod m) => Controller.Telemetry.ControllerTelemetry.DetectionName(m);

    public static string JsonName(string reason)
    {
        var sb = new System.Text.StringBuilder(reason.Length + 4);
        foreach (var ch in reason)
        {
            if (char.IsUpper(ch) && sb.Length > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }

    internal static double Ms(TimeSpan t) => Math.Round(t.TotalMilliseconds, 3);
    private static double Round(double ms) => Math.Round(ms, 3);
}
