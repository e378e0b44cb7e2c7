using System.Collections.Immutable;
using System.Net;
using Akka.Actor;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Tests.Flows.Support;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;

namespace SdnController.Controller.Tests.Flows;

public class FlowManagerScaleTests
{
    /// <summary>A ring of <paramref name="switches"/> switches, 1 ms per link, hostsPerSwitch hosts on each.</summary>
    private static Topology.Model.Topology Ring(int switches, int hostsPerSwitch)
    {
        var b = new TopologyBuilder("scale-ring");
        for (var s = 0; s < switches; s++) b.AddSwitch(new SwitchSpec($"s{s}"));
        for (var s = 0; s < switches; s++)
        {
            b.AddLink(new LinkSpec(new PortSpec($"s{s}", 1), new PortSpec($"s{(s + 1) % switches}", 2)) { LatencyMs = 1 });
            for (var h = 0; h < hostsPerSwitch; h++)
                b.AddHost(new HostSpec($"h{s}_{h}", new PortSpec($"s{s}", 10 + h))
                {
                    IPv4 = new InterfaceAddress(new IPAddress(new byte[] { 10, (byte)s, (byte)h, 1 }), 8),
                });
        }
        var diagnostics = new DiagnosticBag();
        var t = b.Build(diagnostics);
        Assert.That(t, Is.Not.Null, string.Join("\n", diagnostics.Items));
        return t!;
    }

    [Test]
    public void Five_thousand_affected_flows_reroute_in_milliseconds()
    {
        var topology = Ring(16, 10);
        using var bed = new FlowManagerTestBed(topology);
        bed.Ready();
        var flows = ImmutableArray.CreateBuilder<FlowSpec>();
        for (var n = 0; n < 5000; n++)
            flows.Add(new FlowSpec($"f{n}", $"h1_{n % 10}", $"h4_{n / 10 % 10}", 6, (ushort)(1000 + n), 80, Bidirectional: true));
        bed.Manager.Tell(new InstallFlows(flows.ToImmutable()));
        var installed = bed.Observer.WaitFor<InitialInstallCompleted>(timeout: TimeSpan.FromSeconds(20));
        Assert.That(installed.Rules, Is.EqualTo(5000 * 4 * 2));

        // Warm the reroute code once on an unrelated link so the measurement is not JIT time.
        bed.Change(null, bed.Link("s9", "s10", up: false));
        bed.Change(null, bed.Link("s9", "s10", up: true));
        bed.Observer.WaitFor<RerouteCompleted>(1);

        bed.Change(null, bed.Link("s2", "s3", up: false));
        var e = bed.Observer.WaitFor<RerouteCompleted>(2, TimeSpan.FromSeconds(20));
        TestContext.Out.WriteLine($"5000 flows rerouted: compute {e.WallComputeMs:F2} ms wall, total {e.WallTotalMs:F2} ms");
        Assert.That((e.AffectedFlows, e.ReroutedFlows), Is.EqualTo((5000, 5000)));
        Assert.That(e.UnreachableFlows, Is.Empty);
        // Only the flows moved: each goes s1 s0 s15 … s4 the long way (14 switches), both directions.
        Assert.That(e.RulesRemoved, Is.EqualTo(5000 * 2 * 2), "s2 and s3 lose both directions");
        // 140,000 rules move (5000 flows x 14 switches x 2 directions). On an idle machine this is tens of
        // ms; the bound is loose for shared CI machines and still catches anything quadratic in the flows.
        Assert.That(e.WallComputeMs, Is.LessThan(3000), "rerouting must stay linear in the affected flows");
    }
}
