using System.Globalization;
using System.Text;
using SdnController.Controller.Observation;
using SdnController.Scenarios.Reporting;
using SdnController.Telemetry.Waterfall;

namespace SdnController.Scenarios.Interactive;

/// <summary>
/// The shell's output, in Mininet's words where Mininet has the command (`net`, `nodes`, `links`,
/// `pingall`, `ping`, `dpctl dump-flows`). Session times print as "t=… ms" (network time since the
/// network was ready), as `sdnctl run` prints them.
/// </summary>
public static class ShellText
{
    public static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Port(string node, int port) => $"{node}-eth{port}";

    /// <summary>`net`: each host, then each switch, with its interfaces and what they connect to; "(down)" marks dead ones.</summary>
    public static void Net(TextWriter w, IReadOnlyList<NodeView> nodes)
    {
        foreach (var pass in new[] { true, false })
            foreach (var n in nodes)
            {
                if (n.IsHost != pass) continue;
                var sb = new StringBuilder(n.Name);
                if (!n.IsHost && !n.Up) sb.Append(" (switch down)");
                foreach (var p in n.Ports)
                {
                    sb.Append(' ').Append(Port(n.Name, p.Port)).Append(':').Append(Port(p.Peer, p.PeerPort));
                    if (!p.Up) sb.Append("(down)");
                }
                w.WriteLine(sb.ToString());
            }
    }

    /// <summary>`nodes`: Mininet's "available nodes are:" list, hosts then switches.</summary>
    public static void Nodes(TextWriter w, IReadOnlyList<NodeView> nodes)
    {
        w.WriteLine("available nodes are: ");
        var names = new List<string>(nodes.Count);
        var down = new List<string>();
        foreach (var n in nodes) if (n.IsHost) names.Add(n.Name);
        foreach (var n in nodes)
        {
            if (n.IsHost) continue;
            names.Add(n.Name);
            if (!n.Up) down.Add(n.Name);
        }
        w.WriteLine(string.Join(' ', names));
        if (down.Count > 0) w.WriteLine($"switches down: {string.Join(' ', down)}");
    }

    /// <summary>`links`: host access links, then switch links, "(OK OK)" or "(DOWN DOWN)" for the two ends, with the link id.</summary>
    public static void Links(TextWriter w, IReadOnlyList<NodeView> nodes, IReadOnlyList<LinkView> links)
    {
        foreach (var n in nodes)
        {
            if (!n.IsHost) continue;
            var p = n.Ports[0];
            var state = p.Up ? "OK" : "DOWN";
            w.WriteLine($"{Port(n.Name, 0)}<->{Port(p.Peer, p.PeerPort)} (OK {state})");
        }
        foreach (var l in links)
            w.WriteLine($"{Port(l.A, l.APort)}<->{Port(l.B, l.BPort)} ({(l.ALive ? "OK" : "DOWN")} {(l.BLive ? "OK" : "DOWN")}) [{l.Id}]");
    }

    /// <summary>`nfv`: one line per network function: kind, attachment, state, applied version, packets in/out/dropped.</summary>
    public static void Functions(TextWriter w, IReadOnlyList<FunctionView> functions)
    {
        if (functions.Count == 0)
        {
            w.WriteLine("*** no network functions (the topology's nfv: section is empty)");
            return;
        }
        var rows = new List<string[]>(functions.Count + 1) { new[] { "function", "kind", "attach", "state", "version", "in", "out", "dropped", "alerts" } };
        foreach (var f in functions)
            rows.Add([f.Id, f.Kind, f.Attachment, f.State, f.AppliedVersion.ToString(CultureInfo.InvariantCulture),
                Count(f.Counters?.In), Count(f.Counters?.Out), Count(f.Counters?.Dropped), f.Alerts.ToString(CultureInfo.InvariantCulture)]);
        Table(w, rows);
        foreach (var f in functions)
            if (f.Counters is null) w.WriteLine($"*** {f.Id}: no counters ({f.CountersNote ?? "no answer"})");
    }

    /// <summary>`nfv F rules`: the function's rules in order with the packets each decided.</summary>
    public static void FunctionRules(TextWriter w, FunctionView f)
    {
        w.WriteLine($"*** {f.Id} ({f.Kind} at {f.Attachment}): {f.State}, version {f.AppliedVersion}");
        if (f.Counters is null)
        {
            w.WriteLine($"*** no counters ({f.CountersNote ?? "no answer"})");
            return;
        }
        if (f.Rules.Count == 0)
        {
            w.WriteLine("*** no rules in force");
            return;
        }
        var rows = new List<string[]>(f.Rules.Count + 1) { new[] { "rule", "in", "out", "dropped" } };
        foreach (var r in f.Rules) rows.Add([r.Rule, Count(r.In), Count(r.Out), Count(r.Dropped)]);
        Table(w, rows);
    }

    /// <summary>`chains`: each declared chain's match and functions in order, then each chained flow's current path (or why it fails closed).</summary>
    public static void Chains(TextWriter w, IReadOnlyList<ChainView> chains)
    {
        if (chains.Count == 0)
        {
            w.WriteLine("*** no service chains (the topology's chains: section is empty)");
            return;
        }
        foreach (var c in chains)
        {
            var through = string.Join(" -> ", c.Through.Select(t => t.Up ? t.Function : t.Function + " (down)"));
            w.WriteLine($"{c.Id}: {c.Match} through {through}");
            if (c.Flows.Count == 0) w.WriteLine("  (no flow takes this chain)");
            foreach (var f in c.Flows)
            {
                if (f.ClosedReason is { } reason) w.WriteLine($"  {f.FlowId}: fails closed ({reason}): dropped at the ingress");
                else if (f.Branches.Count == 0) w.WriteLine($"  {f.FlowId}: {string.Join(" -> ", f.Path)}");
                else
                {
                    // A flow to a VIP: one path per backend, parting after the load balancer.
                    w.WriteLine($"  {f.FlowId}: {f.Branches.Count} paths");
                    foreach (var (receiver, path) in f.Branches) w.WriteLine($"    to {receiver}: {string.Join(" -> ", path)}");
                }
            }
        }
    }

    /// <summary>`blocks`: the IDS blocks in force, one row each.</summary>
    public static void Blocks(TextWriter w, IReadOnlyList<BlockView> blocks)
    {
        if (blocks.Count == 0)
        {
            w.WriteLine("*** no blocks: no flow is blocked now");
            return;
        }
        var rows = new List<string[]>(blocks.Count + 1) { new[] { "id", "flow", "ingress", "by", "since", "expires", "dropped" } };
        foreach (var b in blocks)
            rows.Add([b.Id.ToString(CultureInfo.InvariantCulture), b.Flow, string.Join(",", b.Switches), $"{b.FunctionId}/{b.Signature}",
                $"t={Ms(b.Since)} ms", b.ExpiresAt is { } end ? $"t={Ms(end)} ms" : "never", Count(b.PacketsDropped)]);
        Table(w, rows);
    }

    /// <summary>`policy`: each classified flow with its label and the policy entry applied to it, as the run report's policy section.</summary>
    public static void Policy(TextWriter w, bool hasPolicy, IReadOnlyList<PolicyFlowView> flows)
    {
        if (!hasPolicy)
        {
            w.WriteLine("*** no policy: the topology has no policy: section, so nothing is classified");
            return;
        }
        if (flows.Count == 0)
        {
            w.WriteLine("*** no flow labelled yet (a flow is labelled once inspection finds its protocol, or after a few packets by port)");
            return;
        }
        var rows = new List<string[]>(flows.Count + 1) { new[] { "flow", "protocol", "method", "class", "entry", "action", "outcome", "at", "labels" } };
        foreach (var f in flows)
            rows.Add([f.Flow, f.Protocol, f.Method, f.Class, f.Entry, f.Action, f.Outcome, $"t={Ms(f.At)} ms", f.Labels.ToString(CultureInfo.InvariantCulture)]);
        Table(w, rows);
    }

    /// <summary>`unblock`: each block lifted and when its rules were gone.</summary>
    public static void Unblock(TextWriter w, UnblockOutcome o)
    {
        if (o.Lifted.Count == 0)
        {
            w.WriteLine("*** no blocks to lift");
            return;
        }
        foreach (var (b, confirmed) in o.Lifted)
            w.WriteLine(confirmed is { } t
                ? $"*** block {b.Id} lifted: {b.Flow} passes again; drop rules removed from {string.Join(", ", b.Switches)} after {Ms(t - o.At)} ms"
                : $"*** block {b.Id}: the controller did not confirm the removal in time");
    }

    private static string Count(long? n) => n is { } v ? v.ToString(CultureInfo.InvariantCulture) : "-";

    /// <summary>Left-aligned columns two spaces apart.</summary>
    private static void Table(TextWriter w, List<string[]> rows)
    {
        var widths = new int[rows[0].Length];
        foreach (var r in rows)
            for (var i = 0; i < r.Length; i++) widths[i] = Math.Max(widths[i], r[i].Length);
        foreach (var r in rows)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < r.Length; i++)
            {
                if (i > 0) sb.Append("  ");
                sb.Append(i == r.Length - 1 ? r[i] : r[i].PadRight(widths[i]));
            }
            w.WriteLine(sb.ToString());
        }
    }

    /// <summary>A link or switch change and the controller's reaction, one line per reroute it completed.</summary>
    public static void Change(TextWriter w, ChangeOutcome c, TimeSpan origin)
    {
        if (!c.Changed)
        {
            w.WriteLine($"*** {c.Description}: {c.Note ?? "no change"}");
            return;
        }
        w.WriteLine($"*** t={Ms(c.At)} ms  {c.Description}");
        if (c.Note is { } note) w.WriteLine($"*** note: {note}");
        foreach (var r in c.Reactions) w.WriteLine("*** controller: " + Reaction(r, origin));
        if (c.TimedOut) w.WriteLine("*** controller: no reaction within the reaction limit (try 'wait 1s' and look again)");
    }

    public static string Reaction(RerouteCompleted r, TimeSpan origin)
    {
        var changes = new List<string>(r.Changes.Length);
        foreach (var ch in r.Changes) changes.Add($"{ch.LinkId} {(ch.Up ? "up" : "down")}");
        var unreachable = r.UnreachableFlows.IsDefault ? 0 : r.UnreachableFlows.Length;
        var sb = new StringBuilder();
        sb.Append(string.Join(", ", changes)).Append(" detected by ").Append(RunReportJson.DetectionName(r.Method));
        sb.Append(" at t=").Append(Ms(r.DetectedAt - origin)).Append(" ms; ");
        sb.Append(r.AffectedFlows).Append(r.AffectedFlows == 1 ? " flow" : " flows").Append(" affected: ");
        sb.Append(r.ReroutedFlows).Append(" rerouted, ").Append(unreachable).Append(" unreachable; ");
        sb.Append("rules +").Append(r.RulesAdded).Append(" -").Append(r.RulesRemoved).Append(" on ").Append(r.SwitchesTouched)
            .Append(r.SwitchesTouched == 1 ? " switch" : " switches");
        sb.Append("; done at t=").Append(Ms(r.At - origin)).Append(" ms");
        if (!r.UnconfirmedSwitches.IsDefaultOrEmpty) sb.Append("; unconfirmed: ").Append(string.Join(", ", r.UnconfirmedSwitches));
        return sb.ToString();
    }

    /// <summary>`pingall`: Mininet's "h1 -> h2 h3 X" rows and "*** Results: 16% dropped (10/12 received)".</summary>
    public static void PingAll(TextWriter w, PingAllOutcome p)
    {
        w.WriteLine("*** Ping: testing ping reachability");
        foreach (var row in p.Rows)
        {
            var sb = new StringBuilder(row.From).Append(" ->");
            foreach (var (to, ok) in row.Results) sb.Append(' ').Append(ok ? to : "X");
            w.WriteLine(sb.ToString());
        }
        if (p.SkippedHosts.Count > 0) w.WriteLine($"*** skipped (no IPv4 address): {string.Join(' ', p.SkippedHosts)}");
        // Mininet truncates the percentage: 2 lost of 12 is "16% dropped".
        var dropped = p.Sent == 0 ? 0 : 100 * (p.Sent - p.Received) / p.Sent;
        w.WriteLine($"*** Results: {dropped}% dropped ({p.Received}/{p.Sent} received)");
    }

    /// <summary>`ping a b`: Linux ping's lines and summary; round trips are network (virtual) time.</summary>
    public static void Ping(TextWriter w, PingOutcome p)
    {
        w.WriteLine($"PING {p.To} ({p.ToAddress}) from {p.From}: 56(84) bytes of data, t={Ms(p.At)} ms");
        foreach (var r in p.Replies)
            w.WriteLine(r.Replied
                ? $"64 bytes from {p.ToAddress}: icmp_seq={r.Sequence} ttl=64 time={Ms(r.RoundTrip)} ms"
                : $"no reply for icmp_seq={r.Sequence} within {Ms(r.RoundTrip)} ms{(p.ControllerReachable ? "" : " (controller: no path)")}");
        w.WriteLine($"--- {p.To} ping statistics ---");
        var sent = p.Replies.Count;
        var lost = sent - p.Received;
        w.WriteLine($"{sent} packets transmitted, {p.Received} received, {100 * lost / sent}% packet loss");
        if (p.Received == 0) return;
        double min = double.MaxValue, max = 0, sum = 0;
        foreach (var r in p.Replies)
        {
            if (!r.Replied) continue;
            var ms = r.RoundTrip.TotalMilliseconds;
            min = Math.Min(min, ms);
            max = Math.Max(max, ms);
            sum += ms;
        }
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rtt min/avg/max = {min:0.000}/{sum / p.Received:0.000}/{max:0.000} ms"));
    }

    /// <summary>`routes a b`: each direction switch by switch, "[in→out]" ports, links and latency; or where the walk stopped.</summary>
    public static void Routes(TextWriter w, RouteOutcome r)
    {
        w.WriteLine($"*** routes by the installed ICMP rules at t={Ms(r.At)} ms{(r.ControllerReachable ? "" : " (controller: no path between these hosts)")}");
        Walk(w, r.Forward);
        Walk(w, r.Reverse);
        if (r.EqualCostPaths.Count == 0) return;
        // The walk follows one bucket of each select group (the echo's hash); ECMP spreads other flows over all of these.
        w.WriteLine($"equal-cost paths (ECMP, select groups): {r.EqualCostPaths.Count}");
        foreach (var p in r.EqualCostPaths) w.WriteLine("  " + string.Join(" → ", p));
    }

    private static void Walk(TextWriter w, RouteWalk walk)
    {
        var sb = new StringBuilder().Append(walk.From).Append(" -> ").Append(walk.To).Append(": ").Append(walk.From);
        foreach (var h in walk.Hops) sb.Append(" → ").Append(h.Switch).Append(" [").Append(h.InPort).Append('→').Append(h.OutPort).Append(']');
        if (walk.End == WalkEnd.Delivered)
        {
            var links = Math.Max(0, walk.Hops.Count - 1);
            sb.Append(" → ").Append(walk.To).Append("   (").Append(links).Append(links == 1 ? " link, " : " links, ")
                .Append(walk.LatencyMs.ToString("0.###", CultureInfo.InvariantCulture)).Append(" ms)");
        }
        else sb.Append("  ✗ ").Append(walk.Detail);
        w.WriteLine(sb.ToString());
    }

    /// <summary>`flows s1`: the switch's rules as `ovs-ofctl dump-flows` prints them, then its groups.</summary>
    public static void Flows(TextWriter w, FlowTableView f)
    {
        if (!f.Up)
        {
            w.WriteLine($"*** {f.Switch} is down: it holds no rules");
            return;
        }
        w.WriteLine($"*** {f.Switch} ------------------------------------------------------------------------");
        w.WriteLine($"NXST_FLOW reply: {f.Flows.Count} {(f.Flows.Count == 1 ? "flow" : "flows")}, t={Ms(f.At)} ms");
        foreach (var e in f.Flows) w.WriteLine(OvsFlowText.Flow(e, f.ClockNow));
        if (f.Groups.Count == 0) return;
        w.WriteLine($"NXST_GROUP_DESC reply: {f.Groups.Count} {(f.Groups.Count == 1 ? "group" : "groups")}");
        foreach (var g in f.Groups) w.WriteLine(OvsFlowText.Group(g));
    }

    /// <summary>`trace last`: the waterfall `sdnctl traces` draws, on the network clock.</summary>
    public static void Trace(TextWriter w, TraceOutcome t, int width) =>
        WaterfallRenderer.Write(w, t.Trace, TraceClockChoice.Auto, width, t.FailureCount);
}
