using System.Text;
using SdnController.Controller.Observation;
using SdnController.Scenarios.Playback;
using SdnController.Scenarios.Reporting;
using SdnController.Testing;
using SdnController.Topology.Writing;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// A chain on a real network (Topology Zoo GEANT 2009: 34 switches, a 2-connected core of 30, one host each):
/// four hosts send to one server through fw1 then ids1 while seeded random link failures come and go. Every
/// delivered packet crossed fw1 then ids1 under one configuration, and each flow delivers again after every
/// change that leaves its waypoints connected.
/// </summary>
[TestFixture]
public class ZooChainRunTests
{
    // fw1 and ids1 on two well-connected core switches of different regions; sources spread over the core.
    private const string FirewallSwitch = "n4";
    private const string IdsSwitch = "n9";
    private const string ServerSwitch = "n23";
    private static readonly string[] SourceSwitches = { "n0", "n16", "n19", "n28" };
    private const int Rounds = 12;
    private const int LinksPerRound = 4;
    private const int FirstFailureMs = 300;
    private const int RoundMs = 200;
    private const int RestoreAfterMs = 100;
    private const int DurationMs = FirstFailureMs + Rounds * RoundMs + 100;
    // Port-status detection, re-planning and the two-phase update take a few ms; later packets must get through.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(30);

    [Test]
    public void Chained_flows_keep_fw_then_ids_per_packet_through_random_link_failures()
    {
        var zoo = SharedData.RequireDirectory("topologyzoo");
        var zooTopology = RunHarness.Load(Path.Combine(zoo, "graphml", "Geant2009.graphml"), hostsPerSwitch: 1);
        var topology = RunHarness.LoadText(WithChain(TopologyYamlWriter.ToYaml(zooTopology)));
        Assert.That(topology.Switches, Has.Count.EqualTo(34));

        ChainPacketWatch? watch = null;
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, prepare: r => watch = new ChainPacketWatch(r.Network));
        using var _ = run;
        var text = RunHarness.Describe(report);

        // Per packet: exactly fw1 then ids1, tags of one version.
        Assert.That(watch!.Delivered, Has.Count.GreaterThan(8000), text);
        Assert.That(watch.Delivered.Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "fw1,ids1" }), "never bypassed, never reordered; drops: " + watch);
        Assert.That(watch.Mixed, Is.Empty, "each packet under one configuration");
        Assert.That(report.Totals.Looped, Is.Zero, text);

        // The failures hit the chained paths: routes moved, by the two-phase update.
        var failures = report.Changes.Where(c => c.Event.Kind == InjectedKind.LinkDown).ToList();
        Assert.That(failures, Has.Count.EqualTo(Rounds * LinksPerRound), text);
        var routes = run.ControllerEvents.OfType<ChainRouteChanged>().ToList();
        Assert.That(routes.Where(r => !r.Closed).All(r => r.Functions.SequenceEqual(new[] { "fw1", "ids1" })), Is.True);
        Assert.That(routes.Count, Is.GreaterThan(SourceSwitches.Length + Rounds), "chained flows moved at the failures");

        // After every change, each flow whose waypoints the working graph still connects delivers again.
        var origin = report.Setup.ReadyAfter;
        var failed = new HashSet<string>();
        var checkedWindows = 0;
        var disconnectedWindows = 0;
        for (var c = 0; c < report.Changes.Count; c++)
        {
            var change = report.Changes[c].Event;
            if (change.Kind == InjectedKind.LinkDown) failed.UnionWith(change.LinkIds);
            else if (change.Kind == InjectedKind.LinkUp) failed.ExceptWith(change.LinkIds);
            var from = origin + change.At + Settle;
            var until = c + 1 < report.Changes.Count ? origin + report.Changes[c + 1].Event.At : origin + TimeSpan.FromMilliseconds(DurationMs);
            if (from >= until) continue;
            var components = Components(topology, failed);
            for (var s = 0; s < SourceSwitches.Length; s++)
            {
                var flowId = "f" + s;
                var component = components[SourceSwitches[s]];
                var connected = components[FirewallSwitch] == component && components[IdsSwitch] == component && components[ServerSwitch] == component;
                if (!connected) { disconnectedWindows++; continue; }
                checkedWindows++;
                var delivered = watch.Delivered.Count(d => d.Flow == flowId && d.SentAt >= from && d.SentAt < until);
                Assert.That(delivered, Is.GreaterThan(0), $"{flowId} after {change.Description} ({string.Join(" ", failed)} down)\n{text}");
            }
        }
        Assert.That(checkedWindows, Is.GreaterThan(Rounds * SourceSwitches.Length), "most windows are checked");
        // A cut-off waypoint closes the chain (or leaves nothing to route); a closed chain raised its alert.
        if (routes.Any(r => r.Closed))
            Assert.That(run.ControllerEvents.OfType<ChainClosedAlert>(), Is.Not.Empty);
        TestContext.Out.WriteLine($"{watch.Delivered.Count} delivered, {routes.Count} chain routes, {checkedWindows} windows checked, {disconnectedWindows} disconnected; drops: {watch}");
    }

    /// <summary>The Zoo network in YAML with fw1, ids1, the chain, four flows to the server and the failure rounds.</summary>
    private static string WithChain(string zooYaml)
    {
        var sb = new StringBuilder();
        foreach (var line in zooYaml.Split('\n'))
        {
            // The writer states the empty sections; ours replace them.
            if (line.StartsWith("nfv:") || line.StartsWith("chains:") || line.StartsWith("traffic:") || line.StartsWith("scenario:")) continue;
            sb.Append(line).Append('\n');
        }
        var server = ServerSwitch + "-h1";
        sb.Append($$"""
            nfv:
              fw1:
                kind: firewall
                attach: {{FirewallSwitch}}
                default: deny
                rules: [{action: allow, proto: udp, dport: 6000}]
              ids1:
                kind: ids
                attach: {{IdsSwitch}}
                signatures: [{id: evil, hex: "de ad be ef", proto: udp, dport: 6000}]
            chains:
              - {id: guarded, match: {to: {{server}}, proto: udp}, through: [fw1, ids1]}
            traffic:

            """);
        for (var s = 0; s < SourceSwitches.Length; s++)
            sb.Append($"  - {{id: f{s}, from: {SourceSwitches[s]}-h1, to: {server}, kind: udp, port: 6000, rate: 1000pps, size: 100}}\n");
        sb.Append($"scenario:\n  duration: {DurationMs}ms\n  events:\n");
        for (var i = 0; i < Rounds; i++)
            sb.Append($"    - {{at: {FirstFailureMs + i * RoundMs}ms, random-link-failures: {LinksPerRound}, seed: {i + 1}, restore-after: {RestoreAfterMs}ms}}\n");
        return sb.ToString();
    }

    /// <summary>Connected component label of every switch over the working links.</summary>
    private static Dictionary<string, int> Components(Topology.Model.Topology topology, HashSet<string> failed)
    {
        var label = new Dictionary<string, int>();
        var next = 0;
        foreach (var start in topology.Switches)
        {
            if (label.ContainsKey(start.Id)) continue;
            var stack = new Stack<string>();
            stack.Push(start.Id);
            label[start.Id] = next;
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                foreach (var link in topology.Links)
                {
                    if (failed.Contains(link.Id) || (link.A.Node != node && link.B.Node != node)) continue;
                    var other = link.OtherEnd(node);
                    if (label.TryAdd(other, next)) stack.Push(other);
                }
            }
            next++;
        }
        return label;
    }
}
