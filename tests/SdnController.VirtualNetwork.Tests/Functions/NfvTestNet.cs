using System.Collections.Immutable;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Nfv;
using SdnController.Southbound.Rules;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Yaml;
using SdnController.VirtualNetwork.Simulation;
using SdnController.VirtualNetwork.Tests.Network;

namespace SdnController.VirtualNetwork.Tests.Functions;

/// <summary>
/// s1:2 — s2:1 (1 ms, 1 Gbit/s), h1 (10.0.0.1) on s1:10, h2 (10.0.0.2) on s2:10; fw1 (firewall: UDP to port 6000 allowed, default
/// deny) one-arm on s1:5, ids1 (IDS, a signature on eight zero bytes to UDP port 6000, no block) on s2:5, rl1 (rate
/// limiter: class "bulk" at 10 pps, burst 1) on s2:6. The test is the controller: it installs rules and configures.
/// </summary>
internal static class NfvTestNet
{
    public const string Yaml = """
        switches: [{id: s1}, {id: s2}]
        hosts:
          - {id: h1, attach: "s1:10", ipv4: 10.0.0.1/24}
          - {id: h2, attach: "s2:10", ipv4: 10.0.0.2/24}
        links:
          - {endpoints: ["s1:2", "s2:1"], latency: 1ms, bandwidth: 1Gbps}
        nfv:
          fw1:
            kind: firewall
            attach: "s1:5"
            default: deny
            rules: [{action: allow, proto: udp, dport: 6000}]
          ids1:
            kind: ids
            attach: "s2:5"
            signatures: [{id: zeros, hex: "00 00 00 00 00 00 00 00", proto: udp, dport: 6000}]
          rl1:
            kind: rate-limiter
            attach: "s2:6"
            rules: [{class: bulk, rate: 10pps, burst: 1, action: drop}]
        """;

    public const int Fw1 = 0, Ids1 = 1, Rl1 = 2;

    public static Topology.Model.Topology Load()
    {
        var bag = new DiagnosticBag();
        return TopologyYamlLoader.LoadText(Yaml, "nfv-test.yaml", bag) ?? throw new InvalidOperationException(string.Join("\n", bag.Items));
    }

    public static SimulatedNetwork Create(EventLoop loop, NetworkOptions? options = null) => new(Load(), loop, options ?? new NetworkOptions());

    /// <summary>
    /// Plain forwarding by destination MAC and ARP flooding (never into a function), then IPv4 from h1 steered
    /// through <paramref name="onS1"/> at s1 and <paramref name="onS2"/> at s2 (function ports; none when null):
    /// each comes back in on its own port and the destination rule takes it on.
    /// </summary>
    public static Dictionary<string, RecordingSink> InstallSteering(SimulatedNetwork net, int? onS1, int? onS2)
    {
        var sinks = TestNet.ConnectAndInstallTreeRules(net);
        var h2 = TestNet.MacOf(net.Topology.Hosts[1]);
        if (onS1 is { } p1)
            sinks["s1"].Channel.Send(new FlowMod(900, FlowModCommand.Add, new FlowRule(200,
                new Match { InPort = 10, EthType = EtherTypes.Ipv4 }, ImmutableArray.Create<FlowAction>(new OutputAction(p1)))));
        if (onS2 is { } p2)
            sinks["s2"].Channel.Send(new FlowMod(901, FlowModCommand.Add, new FlowRule(200,
                new Match { InPort = 1, EthType = EtherTypes.Ipv4, EthDst = h2 }, ImmutableArray.Create<FlowAction>(new OutputAction(p2)))));
        return sinks;
    }
}

/// <summary>A controller-side function sink recording every message with the loop time it arrived.</summary>
internal sealed class FunctionSink(EventLoop loop) : IFunctionMessageSink
{
    public INfvChannel Channel { get; set; } = null!;
    public List<(TimeSpan At, FunctionMessage Message)> Received { get; } = new();

    public void Receive(FunctionMessage message) => Received.Add((loop.Now, message));

    public IEnumerable<T> Of<T>() where T : FunctionMessage => Received.Select(r => r.Message).OfType<T>();

    public T Reply<T>(uint xid) where T : FunctionMessage => Of<T>().Single(m => m.Xid == xid);

    public static FunctionSink Open(SimulatedNetwork net, string id)
    {
        var sink = new FunctionSink(net.Loop);
        sink.Channel = net.OpenFunction(id, sink);
        return sink;
    }
}
