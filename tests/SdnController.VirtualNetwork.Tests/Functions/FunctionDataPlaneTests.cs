using SdnController.Nfv.Functions;
using SdnController.Southbound;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Nfv;
using SdnController.Topology.Model.Nfv;
using SdnController.VirtualNetwork.Functions;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Simulation;
using SdnController.VirtualNetwork.Traffic;
using FabricDrop = SdnController.VirtualNetwork.Switching.DropReason;
using FunctionDrop = SdnController.Nfv.Functions.DropReason;
using static SdnController.VirtualNetwork.Tests.Functions.NfvTestNet;

namespace SdnController.VirtualNetwork.Tests.Functions;

/// <summary>Network functions as one-arm nodes of the virtual network, steered to by rules the test installs itself.</summary>
public class FunctionDataPlaneTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));

    private static HostFlowSpec Udp(string id, ushort dport, double pps, TimeSpan start, TimeSpan stop, ushort sport = 5000) =>
        new(id, "h1", "h2", FlowProtocol.Udp, pps, 100, start, stop, sport, dport);

    private static void Configure(SimulatedNetwork net, FunctionSink sink, uint xid, long version)
    {
        var config = net.FindFunction(sink.Channel.FunctionId).Instance.Config;
        sink.Channel.Send(new ConfigureFunction(xid, version, config));
    }

    [Test]
    public void A_chain_of_two_functions_is_crossed_in_order_and_the_firewall_allows_and_denies_as_configured()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = Create(loop, new NetworkOptions { FunctionProcessingLatency = Ms(1) });
        InstallSteering(net, onS1: 5, onS2: 5);
        var fw = FunctionSink.Open(net, "fw1");
        var ids = FunctionSink.Open(net, "ids1");
        Configure(net, fw, 1, 1);
        Configure(net, ids, 2, 1);
        var delivered = new List<(FunctionVisit[] Visits, int[] Hops, TimeSpan OneWay)>();
        var dropped = new List<(long Packet, FabricDrop Reason, string Where, FunctionVisit[] Visits, int Flow)>();
        var alerts = new List<IdsAlertEvent>();
        net.PacketDelivered += (p, _) => delivered.Add((p.FunctionVisits.ToArray(), p.Hops.ToArray(), loop.Now - p.SentAt));
        net.PacketDropped += (p, reason, where) => { if (p.FlowIndex >= 0) dropped.Add((p.Id, reason, where, p.FunctionVisits.ToArray(), p.FlowIndex)); };
        net.IdsAlerted += (f, a) => { Assert.That(f.Id, Is.EqualTo("ids1")); alerts.Add(a); };

        var allowed = net.StartFlow(Udp("allowed", 6000, 100, Ms(10), Ms(110)));
        var denied = net.StartFlow(Udp("denied", 7000, 100, Ms(10), Ms(110), sport: 5001));
        loop.RunUntil(TimeSpan.FromSeconds(1));

        Assert.That(allowed.Sent, Is.EqualTo(10));
        Assert.That(allowed.Delivered, Is.EqualTo(allowed.Sent));
        Assert.That(denied.Delivered, Is.Zero);
        Assert.That(delivered, Has.Count.EqualTo(10));
        foreach (var d in delivered)
        {
            // s1, fw1, back into s1, s2, ids1, back into s2.
            Assert.That(d.Visits, Is.EqualTo(new[] { new FunctionVisit(Fw1, 1), new FunctionVisit(Ids1, 3) }));
            Assert.That(d.Hops, Is.EqualTo(new[] { 0, 0, 1, 1 }));
            // Seven link crossings of a 100-byte frame at 1 Gbit/s (8 ticks each), six of them access links (0.01 ms),
            // one 1 ms link, and 1 ms inside each function. (The first packet also waited for ARP.)
            if (d != delivered[0]) Assert.That(d.OneWay, Is.EqualTo(TimeSpan.FromTicks(7 * 8 + 6 * 100 + 10_000 + 2 * 10_000)));
        }
        Assert.That(dropped.Select(d => (d.Reason, d.Where, d.Flow)), Is.All.EqualTo((FabricDrop.FunctionDropped, "fw1", denied.Index)));
        Assert.That(dropped, Has.Count.EqualTo(denied.Sent));
        Assert.That(dropped.Select(d => d.Visits), Is.All.EqualTo(new[] { new FunctionVisit(Fw1, 1) }));
        Assert.That(net.Counters.Dropped(FabricDrop.FunctionDropped), Is.EqualTo(denied.Sent));

        var fw1 = net.FindFunction("fw1");
        Assert.That(fw1.DroppedBy(FunctionDrop.DefaultDeny), Is.EqualTo(denied.Sent));
        Assert.That(fw1.Function.Counters.Total.Out, Is.EqualTo(allowed.Sent));
        Assert.That(fw1.Function.Counters.Rules[0].Out, Is.EqualTo(allowed.Sent), "rule 1 (allow udp 6000) let them through");
        // The IDS saw the zero payloads of the allowed flow (only it reaches s2) and let them pass.
        Assert.That(alerts, Has.Count.EqualTo(allowed.Sent));
        Assert.That(alerts.Select(a => (a.Alert.Instance, a.Alert.SignatureId, a.Alert.Blocked)), Is.All.EqualTo(("ids1", "zeros", false)));
        Assert.That(alerts.Select(a => a.Packet.FlowIndex), Is.All.EqualTo(allowed.Index));
        var channelAlerts = ids.Of<FunctionAlert>().ToList();
        Assert.That(channelAlerts, Has.Count.EqualTo(allowed.Sent));
        Assert.That(channelAlerts[0].Flow, Is.EqualTo("udp 10.0.0.1:5000 -> 10.0.0.2:6000"));
    }

    [Test]
    public void An_unconfigured_function_drops_everything_steered_to_it()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = Create(loop);
        InstallSteering(net, onS1: 5, onS2: null);
        var flow = net.StartFlow(Udp("f", 6000, 100, Ms(10), Ms(60)));
        loop.RunUntil(Ms(200));
        Assert.That(flow.Sent, Is.EqualTo(5));
        Assert.That(flow.Delivered, Is.Zero);
        var fw1 = net.FindFunction("fw1");
        Assert.That(fw1.AppliedVersion, Is.Zero);
        Assert.That(fw1.DroppedBy(FunctionDrop.DefaultDeny), Is.EqualTo(5));
        Assert.That(net.Counters.Dropped(FabricDrop.FunctionDropped), Is.EqualTo(5));
    }

    [Test]
    public void Unsteered_traffic_never_enters_a_function()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = Create(loop);
        InstallSteering(net, onS1: null, onS2: null);
        var visits = 0;
        net.PacketDelivered += (p, _) => visits += p.FunctionVisits.Length;
        var flow = net.StartFlow(Udp("f", 6000, 100, Ms(10), Ms(60)));
        loop.RunUntil(Ms(200));
        Assert.That(flow.Delivered, Is.EqualTo(5));
        Assert.That(visits, Is.Zero);
        Assert.That(net.Functions.Select(f => f.Function.Counters.Total.In), Is.All.Zero, "ARP floods skip function ports too");
    }

    [Test]
    public void The_flows_traffic_class_reaches_the_function()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = Create(loop);
        InstallSteering(net, onS1: null, onS2: 6);
        var rl = FunctionSink.Open(net, "rl1");
        Configure(net, rl, 1, 1);
        var bulk = net.StartFlow(Udp("bulk", 6000, 1000, Ms(10), Ms(110)) with { Class = "bulk" });
        var plain = net.StartFlow(Udp("plain", 6000, 1000, Ms(10), Ms(110), sport: 5001));
        loop.RunUntil(Ms(300));
        Assert.That(bulk.Sent, Is.EqualTo(100));
        // 10 pps with a bucket of 1: the first packet and about one per 100 ms after it.
        Assert.That(bulk.Delivered, Is.InRange(1, 3));
        Assert.That(plain.Delivered, Is.EqualTo(plain.Sent), "the rule is for class bulk only");
        Assert.That(net.FindFunction("rl1").DroppedBy(FunctionDrop.OverRate), Is.EqualTo(bulk.Sent - bulk.Delivered));
    }

    [Test]
    public void Functions_are_southbound_endpoints_at_their_attachment_ports()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = Create(loop);
        var endpoints = ((ISouthbound)net).Functions;
        var s1 = net.Topology.Switches[0].DatapathId;
        var s2 = net.Topology.Switches[1].DatapathId;
        Assert.That(endpoints, Is.EqualTo(new[]
        {
            new FunctionEndpoint("fw1", NfvKind.Firewall, s1, 5),
            new FunctionEndpoint("ids1", NfvKind.Ids, s2, 5),
            new FunctionEndpoint("rl1", NfvKind.RateLimiter, s2, 6),
        }));
        // The function ports are real switch ports (features reply), up.
        var sinks = Network.TestNet.Connect(net);
        sinks["s2"].Channel.Send(new FeaturesRequest(1));
        loop.RunUntil(Ms(5));
        var ports = sinks["s2"].Of<FeaturesReply>().Single().Ports;
        Assert.That(ports.Select(p => (p.PortNo, p.LinkUp)), Is.EqualTo(new[] { (1, true), (5, true), (6, true), (10, true) }));

        var ex = Assert.Throws<ArgumentException>(() => net.OpenFunction("fw2", new FunctionSink(loop)));
        Assert.That(ex!.Message, Does.Contain("unknown network function 'fw2'").And.Contain("did you mean 'fw1'?"));
    }

    [Test]
    public void Preconfigured_functions_start_with_the_topology_rules_as_version_1()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = Create(loop, new NetworkOptions { PreconfigureFunctions = true });
        Assert.That(net.Functions.Select(f => f.AppliedVersion), Is.All.EqualTo(1));
        InstallSteering(net, onS1: 5, onS2: null);
        var flow = net.StartFlow(Udp("f", 6000, 100, Ms(10), Ms(60)));
        loop.RunUntil(Ms(200));
        Assert.That(flow.Delivered, Is.EqualTo(5));
    }

    [Test]
    public void A_copied_packet_keeps_its_function_visits()
    {
        var p = new Packet(1, new byte[60], TimeSpan.Zero);
        p.RecordHop(3);
        p.RecordFunction(2);
        var copy = p.Copy();
        p.RecordHop(3);
        p.RecordFunction(4);
        Assert.That(copy.FunctionVisits.ToArray(), Is.EqualTo(new[] { new FunctionVisit(2, 1) }));
        Assert.That(p.FunctionVisits.ToArray(), Is.EqualTo(new[] { new FunctionVisit(2, 1), new FunctionVisit(4, 2) }));
    }
}
