using System.Globalization;

namespace SdnController.Scenarios.Reporting;

/// <summary>The human-readable run report printed by `sdnctl run`.</summary>
public static class RunReportText
{
    public static void Write(TextWriter o, RunReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"run {r.Topology} ({(r.VirtualTime ? "virtual" : "real")} time, seed {r.Seed}): {Ms(r.Duration)} ms, {r.Setup.Switches} switches, {r.Setup.Links} links, {r.Setup.Hosts} hosts, {r.Setup.Flows} flows"));
        o.WriteLine(string.Create(inv, $"  network ready after {Ms(r.Setup.ReadyAfter)} ms: {r.Setup.Rules} rules installed and confirmed ({r.Setup.WallMs:0.#} ms wall)"));
        if (r.Setup.EcmpFlows > 0)
            o.WriteLine(string.Create(inv, $"  ECMP: {r.Setup.EcmpFlows} flows spread over equal-cost paths by {r.Setup.Groups} select groups"));
        if (r.Setup.UnroutableFlows.Count > 0)
            o.WriteLine($"  no path at all for {r.Setup.UnroutableFlows.Count} flows (their hosts are in different parts of the network): {Shorten(r.Setup.UnroutableFlows, 8)}");
        if (r.Protection is { } protection)
        {
            o.WriteLine($"  protection: {protection.Protected} of {protection.Flows} protected flows have a backup at every hop; {protection.Unprotected.Count} hops without one");
            foreach (var u in protection.Unprotected.Take(20))
                o.WriteLine($"    {u.FlowId} {u.Direction} {u.From} -> {u.To} hop {u.Hop}: {u.Reason}");
            if (protection.Unprotected.Count > 20) o.WriteLine($"    and {protection.Unprotected.Count - 20} more");
        }

        foreach (var c in r.Changes)
        {
            o.WriteLine();
            o.WriteLine(string.Create(inv, $"  t={Ms(c.Event.At)} ms  {c.Event.Description}"));
            if (c.Reaction is { } x)
            {
                if (x.SharedWithPrevious)
                    o.WriteLine("    handled together with the previous change");
                o.WriteLine(string.Create(inv,
                    $"    detected by {RunReportJson.DetectionName(x.Method)} after {Ms(x.Detection)} ms{(x.HeldDown > TimeSpan.Zero ? $" (incl. {Ms(x.HeldDown)} ms hold-down)" : "")}; computed in {Ms(x.Computation)} ms ({x.WallComputeMs:0.###} ms wall); new rules confirmed in {Ms(x.Installation)} ms; old rules removed in {Ms(x.Commit)} ms"));
                o.WriteLine(string.Create(inv,
                    $"    affected flows {x.AffectedFlows}: {x.ReroutedFlows} rerouted, {x.UnreachableFlows.Count} unreachable; rules +{x.RulesAdded} -{x.RulesRemoved} on {x.SwitchesTouched} switches; controller total {x.WallTotalMs:0.###} ms wall"));
                if (x.UnreachableFlows.Count > 0)
                    o.WriteLine($"    unreachable: {Shorten(x.UnreachableFlows, 8)}");
                if (x.AffectedFlows > 0)
                    o.WriteLine(string.Create(inv, $"    update {x.UpdateMethod}: {x.OrderedFlows} flows ordered (downstream first), {x.TwoPhaseFlows} two-phase (version-tagged)"));
            }
            else if (c.FunctionReaction is { } fr)
            {
                FunctionReportWriter.WriteReactionText(o, c.Event.Kind == Playback.InjectedKind.FunctionUp, fr);
            }
            else if (c.Event.FunctionId is not null)
            {
                o.WriteLine("    the controller did not hear of it (its function actor saw no state change)");
            }
            else
            {
                o.WriteLine("    the controller did not react (not detected, or nothing to change)");
            }
            if (c.LossCountedWithPrevious)
            {
                o.WriteLine("    traffic: counted with the previous change (same instant)");
                continue;
            }
            var restore = c.FirstDeliveryOnNewPathMax is { } max
                ? string.Create(inv, $"; first packet on the new path after {Ms(c.FirstDeliveryOnNewPathMedian!.Value)} ms (p50), {Ms(max)} ms (max)")
                : "";
            o.WriteLine(string.Create(inv, $"    traffic: {c.PacketsLost} packets lost in {c.FlowsDisrupted} flows{restore}"));
            var worst = c.PerFlow.Where(f => f.PacketsLost > 0).OrderByDescending(f => f.PacketsLost).ThenBy(f => f.FlowId, StringComparer.Ordinal).Take(5).ToList();
            if (worst.Count > 0)
                o.WriteLine("    most lost: " + string.Join(", ", worst.Select(f => string.Create(inv, $"{f.FlowId} {f.PacketsLost}"))));
        }

        if (r.OtherReactions.Count > 0)
        {
            o.WriteLine();
            o.WriteLine($"  the controller also handled {r.OtherReactions.Count} change(s) no scenario event made:");
            foreach (var x in r.OtherReactions)
                o.WriteLine(string.Create(inv,
                    $"    t={Ms(x.At)} ms  link {string.Join(", ", x.LinkIds)} {(x.Up ? "up" : "down")} by {RunReportJson.DetectionName(x.Reaction.Method)}: {x.Reaction.AffectedFlows} flows affected, {x.Reaction.UnreachableFlows.Count} unreachable"));
        }

        CongestionReportWriter.WriteText(o, r.Congestion);
        FunctionReportWriter.WriteText(o, r.Functions);
        ChainReports.WriteText(o, r.Chains);
        PolicyReports.WriteText(o, r.Policy);
        UntagReports.WriteText(o, r.Untagging);
        RealHostReports.WriteText(o, r.RealHosts);

        if (r.Restarts.Count > 0)
        {
            o.WriteLine();
            o.WriteLine($"  switch actor restarts: {r.Restarts.Count}");
            foreach (var x in r.Restarts)
                o.WriteLine(string.Create(inv, $"    t={Ms(x.At)} ms  {x.SwitchId}: {x.Reason}; resync +{x.ResyncRulesAdded ?? 0} -{x.ResyncRulesRemoved ?? 0} rules"));
        }

        if (r.Recoveries.Count > 0)
        {
            o.WriteLine();
            o.WriteLine($"  controller restarts: {r.Recoveries.Count}");
            foreach (var x in r.Recoveries)
                o.WriteLine(string.Create(inv, $"    t={Ms(x.KilledAt)} ms  killed; {(x.Persistent ? $"recovered {x.Intents} intents ({x.Flows} flows, {x.Blocks} blocks, {x.Backends} backends, {x.Labels} labels, {x.Configs} configs)" : "no --state: nothing recovered")}; reconciled {x.SwitchesReconciled} switches{(x.ReconciledAt is { } at ? $" by t={Ms(at)} ms" : "")}, +{x.RulesAdded} -{x.RulesRemoved} rules"));
        }

        if (r.Expectations.Count > 0)
        {
            var failed = r.Expectations.Count(e => !e.Passed);
            o.WriteLine();
            o.WriteLine($"  expectations: {r.Expectations.Count - failed} passed, {failed} failed");
            // Group the pairs of one "connected pairs reach" check so the report stays short.
            foreach (var g in r.Expectations.GroupBy(e => (e.At, e.Check)).OrderBy(g => g.Key.At))
            {
                var items = g.ToList();
                if (items.Count == 1)
                {
                    var e = items[0];
                    o.WriteLine(string.Create(inv, $"    {(e.Passed ? "ok  " : "FAIL")} t={Ms(e.At)} ms  {e.Check}: {e.Detail}"));
                    continue;
                }
                var bad = items.Where(e => !e.Passed).ToList();
                var cut = items.Count(e => !e.ExpectedReach);
                o.WriteLine(string.Create(inv, $"    {(bad.Count == 0 ? "ok  " : "FAIL")} t={Ms(g.Key.At)} ms  {g.Key.Check}: {items.Count - cut} connected pairs, {cut} cut off, {bad.Count} wrong"));
                foreach (var e in bad.Take(10))
                    o.WriteLine($"         {e.From} -> {e.To}: expected {(e.ExpectedReach ? "a reply" : "no reply")}, {e.Detail}");
            }
        }

        var t = r.Totals;
        o.WriteLine();
        var pct = t.Sent == 0 ? 0 : 100.0 * t.Lost / t.Sent;
        o.WriteLine(string.Create(inv, $"  traffic: sent {t.Sent}, delivered {t.Delivered}, lost {t.Lost} ({pct:0.###}%), reordered {t.Reordered}, duplicates {t.Duplicates}, looped {t.Looped}"));
        if (t.DropsByReason.Count > 0)
            o.WriteLine("  drops: " + string.Join(", ", t.DropsByReason.Select(kv => $"{RunReportJson.JsonName(kv.Key)} {kv.Value}")));
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Shorten(IReadOnlyList<string> items, int max) =>
        items.Count <= max ? string.Join(", ", items) : string.Join(", ", items.Take(max)) + $" and {items.Count - max} more";
}
