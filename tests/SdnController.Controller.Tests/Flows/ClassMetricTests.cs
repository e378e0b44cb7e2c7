using System.Collections.Immutable;
using Akka.Actor;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Tests.Flows.Support;
using SdnController.Testing;
using SdnController.Topology.Diagnostics;

namespace SdnController.Controller.Tests.Flows;

/// <summary>
/// Flows routed by their traffic class's metric (ClassMetricTopology: the controller routes by hop, class
/// voice by latency, class bulk states no metric): installs, reroutes and restores each by its own metric.
/// </summary>
public class ClassMetricTests
{
    private static readonly Topology.Model.Topology Network = Load();

    // Distinct destination ports, so each flow has its own rules (read back per switch by port).
    private static readonly FlowSpec Voice = new FlowSpec("voice", "h1", "h2", 17, 0, 5001, Bidirectional: false) { Class = "voice" };
    private static readonly FlowSpec Bulk = new FlowSpec("bulk", "h1", "h2", 17, 0, 5002, Bidirectional: false) { Class = "bulk" };
    private static readonly FlowSpec Plain = new("plain", "h1", "h2", 17, 0, 5003, Bidirectional: false);
    private static readonly FlowSpec Unknown = new FlowSpec("unknown", "h1", "h2", 17, 0, 5004, Bidirectional: false) { Class = "nobody" };

    private static Topology.Model.Topology Load()
    {
        var bag = new DiagnosticBag();
        var t = Topology.Yaml.TopologyYamlLoader.LoadText(ClassMetricTopology.Yaml, "class-metric.yaml", bag);
        Assert.That(t, Is.Not.Null, string.Join("\n", bag.Items));
        return t!;
    }

    /// <summary>A flow manager with the topology's controller options (metric hop), the flows installed.</summary>
    private static FlowManagerTestBed Start(params FlowSpec[] flows)
    {
        var options = ControllerOptions.For(Network) with { DrainOldPaths = false, IdleCollectionDelay = TimeSpan.Zero };
        var bed = new FlowManagerTestBed(Network, options: options);
        bed.Ready();
        bed.Manager.Tell(new InstallFlows([.. flows]));
        bed.Observer.WaitFor<InitialInstallCompleted>();
        return bed;
    }

    /// <summary>
    /// The switches holding a rule for the destination port, in switch order: the flow's path (class bulk has
    /// protection on, so its backups' detour rules, which match a detour tag, are left out).
    /// </summary>
    private static string[] SwitchesOf(FlowManagerTestBed bed, FlowSpec flow) =>
        Network.Switches.Select(s => s.Id)
            .Where(id => bed.Desired(id).Rules.Any(r => r.Match.L4Dst == flow.DestinationPort
                && !(r.Match.Vlan is { Untagged: false } v && SdnController.Controller.Planning.DetourTags.IsDetour(v.VlanId))))
            .ToArray();

    private static void Expect(FlowManagerTestBed bed, string voice, string others)
    {
        Assert.That(string.Concat(SwitchesOf(bed, Voice)), Is.EqualTo(voice), "voice (class metric latency)");
        foreach (var f in new[] { Bulk, Plain, Unknown })
            Assert.That(string.Concat(SwitchesOf(bed, f)), Is.EqualTo(others), $"{f.Id} (controller metric hop)");
    }

    [Test]
    public void Each_flow_takes_its_class_metric_path_and_reroutes_and_restores_by_it()
    {
        using var bed = Start(Voice, Bulk, Plain, Unknown);
        // Switch order a, b, c, d, e, f: "abc" is a-c-b.
        Expect(bed, voice: "abc", others: "ab");

        // Voice's path breaks: it alone moves, to the lowest-latency detour (3 hops), not the 2-hop a-f-b.
        bed.Change(null, bed.Link("a", "c", up: false));
        var first = bed.Observer.WaitFor<RerouteCompleted>();
        Assert.That((first.AffectedFlows, first.ReroutedFlows), Is.EqualTo((1, 1)));
        Expect(bed, voice: "abde", others: "ab");

        // The hop flows' link breaks: they move to the fewest hops left (a-f-b), which latency would not pick.
        bed.Change(null, bed.Link("a", "b", up: false));
        var second = bed.Observer.WaitFor<RerouteCompleted>(nth: 1);
        Assert.That((second.AffectedFlows, second.ReroutedFlows), Is.EqualTo((3, 3)));
        Expect(bed, voice: "abde", others: "abf");

        // a-b back: the hop flows return (their trees changed); voice is re-checked in its own service, where
        // the 10 ms link changes nothing, so it stays.
        bed.Change(null, bed.Link("a", "b", up: true));
        var third = bed.Observer.WaitFor<RerouteCompleted>(nth: 2);
        Assert.That(third.ReroutedFlows, Is.EqualTo(3));
        Expect(bed, voice: "abde", others: "ab");

        // a-c back: only voice returns.
        bed.Change(null, bed.Link("a", "c", up: true));
        var fourth = bed.Observer.WaitFor<RerouteCompleted>(nth: 3);
        Assert.That(fourth.ReroutedFlows, Is.EqualTo(1));
        Expect(bed, voice: "abc", others: "ab");
    }

    [Test]
    public void A_class_metric_service_made_after_a_failure_routes_around_it()
    {
        using var bed = Start(Plain);
        bed.Change(null, bed.Link("a", "c", up: false));
        bed.Observer.WaitFor<RerouteCompleted>();

        // The latency service is made only now, and must know a-c is down.
        bed.Manager.Tell(new InstallFlows([Voice]));
        bed.Observer.WaitFor<FlowsInstalled>();
        Assert.That(string.Concat(SwitchesOf(bed, Voice)), Is.EqualTo("abde"));
        Assert.That(string.Concat(SwitchesOf(bed, Plain)), Is.EqualTo("ab"));
    }
}
