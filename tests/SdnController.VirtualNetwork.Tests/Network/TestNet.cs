using System.Collections.Immutable;
using System.Net;
using SdnController.Southbound;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;
using SdnController.VirtualNetwork.Simulation;

namespace SdnController.VirtualNetwork.Tests.Network;

/// <summary>Small topologies and a test-side "controller" that installs static rules over the southbound.</summary>
internal static class TestNet
{
    /// <summary>
    /// s1 - s2 - ... - sN in a line: link si:2 — s(i+1):1, 1 ms, 1 Gbit/s. h1 (10.0.0.1) on s1:10, h2 (10.0.0.2) on sN:10,
    /// plus <paramref name="extraHostsWithoutIp"/> hosts without addresses on s1:20...
    /// </summary>
    public static Topology.Model.Topology Line(int switches, double latencyMs = 1.0, int extraHostsWithoutIp = 0)
    {
        var b = new TopologyBuilder("line");
        for (var i = 1; i <= switches; i++) b.AddSwitch(new SwitchSpec($"s{i}"));
        for (var i = 1; i < switches; i++)
            b.AddLink(new LinkSpec(new PortSpec($"s{i}", 2), new PortSpec($"s{i + 1}", 1)) { LatencyMs = latencyMs, BandwidthBps = 1e9 });
        b.AddHost(new HostSpec("h1", new PortSpec("s1", 10)) { IPv4 = new InterfaceAddress(IPAddress.Parse("10.0.0.1"), 24) });
        b.AddHost(new HostSpec("h2", new PortSpec($"s{switches}", 10)) { IPv4 = new InterfaceAddress(IPAddress.Parse("10.0.0.2"), 24) });
        for (var i = 0; i < extraHostsWithoutIp; i++) b.AddHost(new HostSpec($"x{i}", new PortSpec("s1", 20 + i)));
        var diagnostics = new DiagnosticBag();
        return b.Build(diagnostics) ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
    }

    /// <summary>One switch, two hosts: h1 on s1:1, h2 on s1:2.</summary>
    public static Topology.Model.Topology Single()
    {
        var b = new TopologyBuilder("single");
        b.AddSwitch(new SwitchSpec("s1"));
        b.AddHost(new HostSpec("h1", new PortSpec("s1", 1)) { IPv4 = new InterfaceAddress(IPAddress.Parse("10.0.0.1"), 24) });
        b.AddHost(new HostSpec("h2", new PortSpec("s1", 2)) { IPv4 = new InterfaceAddress(IPAddress.Parse("10.0.0.2"), 24) });
        var diagnostics = new DiagnosticBag();
        return b.Build(diagnostics) ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
    }

    public static MacAddress MacOf(Host h) => MacAddress.FromBytes(h.Mac.GetAddressBytes());

    /// <summary>
    /// Opens a channel to every switch and installs, for a loop-free topology, "eth_dst = host → port towards it"
    /// and broadcast flooding per in_port. Uses FlowMod Add with Match.InPort/EthDst and OutputAction only.
    /// </summary>
    public static Dictionary<string, RecordingSink> ConnectAndInstallTreeRules(SimulatedNetwork net)
    {
        var sinks = Connect(net);
        var t = net.Topology;
        uint xid = 100;
        for (var s = 0; s < t.Switches.Count; s++)
        {
            var sw = t.Switches[s];
            var sink = sinks[sw.Id];
            var ports = Neighbours(t, sw.Id);
            foreach (var h in t.Hosts)
            {
                var port = PortTowards(t, sw.Id, h);
                sink.Channel.Send(new FlowMod(xid++, FlowModCommand.Add,
                    new FlowRule(100, new Match { EthDst = MacOf(h) }, ImmutableArray.Create<FlowAction>(new OutputAction(port)))));
            }
            foreach (var inPort in ports.Keys)
            {
                var outs = ports.Keys.Where(p => p != inPort).Select(p => (FlowAction)new OutputAction(p)).ToImmutableArray();
                sink.Channel.Send(new FlowMod(xid++, FlowModCommand.Add,
                    new FlowRule(100, new Match { InPort = inPort, EthDst = MacAddress.Broadcast }, outs)));
            }
            sink.Channel.Send(new BarrierRequest(xid++));
        }
        return sinks;
    }

    public static Dictionary<string, RecordingSink> Connect(SimulatedNetwork net)
    {
        var sinks = new Dictionary<string, RecordingSink>();
        foreach (var sw in net.Topology.Switches)
        {
            var sink = new RecordingSink(net.Loop);
            sink.Channel = net.Open(sw.DatapathId, sink);
            sinks[sw.Id] = sink;
        }
        return sinks;
    }

    /// <summary>port → what it leads to (link far end or host), for one switch.</summary>
    private static Dictionary<int, string> Neighbours(Topology.Model.Topology t, string sw)
    {
        var result = new Dictionary<int, string>();
        foreach (var l in t.Links)
        {
            if (l.A.Node == sw) result[l.A.Port] = l.B.Node;
            if (l.B.Node == sw) result[l.B.Port] = l.A.Node;
        }
        foreach (var h in t.Hosts)
            if (h.Attachment.Node == sw) result[h.Attachment.Port] = h.Id;
        return result;
    }

    /// <summary>BFS over the switch graph from the host's switch: the port of <paramref name="sw"/> on the path to the host.</summary>
    private static int PortTowards(Topology.Model.Topology t, string sw, Host h)
    {
        if (h.Attachment.Node == sw) return h.Attachment.Port;
        var parentPort = new Dictionary<string, int> { [h.Attachment.Node] = 0 };
        var queue = new Queue<string>();
        queue.Enqueue(h.Attachment.Node);
        while (queue.Count > 0)
        {
            var n = queue.Dequeue();
            foreach (var l in t.Links)
            {
                if (l.A.Node == n && !parentPort.ContainsKey(l.B.Node)) { parentPort[l.B.Node] = l.B.Port; queue.Enqueue(l.B.Node); }
                if (l.B.Node == n && !parentPort.ContainsKey(l.A.Node)) { parentPort[l.A.Node] = l.A.Port; queue.Enqueue(l.A.Node); }
            }
        }
        return parentPort[sw];
    }
}

/// <summary>A controller-side sink that records every message with the loop time it arrived.</summary>
internal sealed class RecordingSink(EventLoop loop) : ISwitchMessageSink
{
    public ISwitchChannel Channel { get; set; } = null!;
    public List<(TimeSpan At, SwitchMessage Message)> Received { get; } = new();
    public Action<SwitchMessage>? OnReceive { get; set; }

    public void Receive(SwitchMessage message)
    {
        Received.Add((loop.Now, message));
        OnReceive?.Invoke(message);
    }

    public IEnumerable<T> Of<T>() where T : SwitchMessage => Received.Select(r => r.Message).OfType<T>();
}
