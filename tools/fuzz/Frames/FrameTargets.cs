using SdnController.Classification;
using SdnController.Nfv.Functions;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;
using SdnController.Topology.Model.Nfv;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.Fuzz.Frames;

/// <summary>
/// What every fuzzed frame goes through: a classifier, a virtual switch with a controller-like rule set (host routes,
/// L2 rules, prefixes to select and fast-failover groups, VLAN push/pop, header rewrites, packet-in), and one
/// configured instance of each network function.
/// </summary>
public sealed class FrameTargets
{
    public static readonly string[] NfvNames = ["firewall", "nat", "load-balancer", "rate-limiter", "ids"];

    public FrameTargets()
    {
        Classifier = new Classifier(new ClassifierOptions { MaxFlows = 50_000 });
        Switch = BuildSwitch();
        Functions = [Firewall(), Nat(), LoadBalancer(), RateLimiter(), Ids()];
    }

    public Classifier Classifier { get; private set; }
    public VirtualSwitch Switch { get; }
    public INetworkFunction[] Functions { get; private set; }
    public NullSwitchOutput Output { get; } = new();

    /// <summary>Fresh classifier and functions: bounds the campaign's memory (state tables of millions of bogus flows).</summary>
    public void Renew()
    {
        Classifier = new Classifier(new ClassifierOptions { MaxFlows = 50_000 });
        Functions = [Firewall(), Nat(), LoadBalancer(), RateLimiter(), Ids()];
    }

    private static VirtualSwitch BuildSwitch()
    {
        var ports = Enumerable.Range(1, 8).Select(p => new PortDescription(p, new MacAddress(0x0200_0000_0100UL + (ulong)p), $"s1-eth{p}", true)).ToList();
        var sw = new VirtualSwitch(0, "s1", 0xF022UL, ports);
        var output = new NullSwitchOutput();
        uint xid = 1;
        void Group(uint id, GroupType type, params Bucket[] buckets) =>
            sw.Handle(new GroupMod(xid++, GroupModCommand.Add, new GroupEntry(id, type, [.. buckets])), TimeSpan.Zero, output);
        void Rule(int priority, Match match, params FlowAction[] actions) =>
            sw.Handle(new FlowMod(xid++, FlowModCommand.Add, new FlowRule(priority, match, [.. actions])), TimeSpan.Zero, output);
        static Bucket B(int port, params FlowAction[] extra) => new Bucket([.. extra, new OutputAction(port)]) with { WatchPort = port };

        Group(1, GroupType.Select, B(5), B(6));
        Group(2, GroupType.FastFailover, B(7), B(8));
        Group(3, GroupType.All, B(2), B(3, new SetFieldAction(SetField.Ipv4Dst, 0x0A000363)));
        for (var i = 0; i < 500; i++) Rule(100, new Match { EthType = 0x0800, Ipv4Dst = Ipv4Prefix.Host(0x0A00_0000u + (uint)i) }, new OutputAction(2 + i % 3));
        for (var i = 0; i < 100; i++) Rule(50, new Match { EthDst = new MacAddress(0x0200_0000_000BUL + (ulong)i) }, new OutputAction(3));
        for (var i = 0; i < 16; i++) Rule(80, new Match { EthType = 0x0800, Ipv4Dst = new Ipv4Prefix(0xC0A8_0000u + ((uint)i << 8), 24) }, new GroupAction(1));
        Rule(90, new Match { EthType = 0x0800, IpProto = 17, L4Dst = 53 }, new GroupAction(2));
        Rule(95, new Match { EthType = 0x0800, IpProto = 6, L4Dst = 80 },
            new SetFieldAction(SetField.Ipv4Dst, 0x0A000901), new SetFieldAction(SetField.L4Dst, 8080), new SetFieldAction(SetField.IpDscp, 46), new OutputAction(4));
        Rule(96, new Match { EthType = 0x0800, IpProto = 6, L4Src = 443 },
            new SetFieldAction(SetField.Ipv4Src, 0xC0000201), new SetFieldAction(SetField.L4Src, 1024), new SetFieldAction(SetField.EthSrc, 0x02AA), new OutputAction(1));
        Rule(97, new Match { Vlan = VlanMatch.Id(100) }, new PopVlanAction(), new OutputAction(5));
        Rule(97, new Match { Vlan = VlanMatch.Id(10) }, new SetFieldAction(SetField.VlanId, 30), new PushVlanAction(40), new OutputAction(6));
        Rule(70, new Match { EthType = 0x86DD }, new PushVlanAction(200), new GroupAction(3));
        Rule(60, new Match { EthType = 0x0806 }, new ToControllerAction(), new OutputAction(PortNumbers.InPort));
        Rule(1, Match.Any, new ToControllerAction());
        if (sw.Flows.Count < 600) throw new InvalidOperationException($"the fuzzed switch's rules did not install ({sw.Flows.Count} flows)");
        return sw;
    }

    private static uint A(byte a, byte b, byte c, byte d) => (uint)(a << 24 | b << 16 | c << 8 | d);

    private static INetworkFunction Configured(string id, NfvConfig config)
    {
        var f = NetworkFunctions.Create(id, config.Kind);
        f.Configure(1, config);
        return f;
    }

    private static INetworkFunction Firewall() => Configured("fw", new FirewallConfig(FirewallAction.Deny,
    [
        new FirewallRule(FirewallAction.Deny) { Protocol = TransportProtocol.Udp, DestinationPorts = new PortRange(1000, 1010) },
        new FirewallRule(FirewallAction.Allow) { Protocol = TransportProtocol.Tcp, Source = new Ipv4Cidr(A(10, 0, 0, 0), 16), DestinationPorts = new PortRange(80, 443) },
        new FirewallRule(FirewallAction.Allow) { Protocol = TransportProtocol.Udp, DestinationPorts = PortRange.Single(53) },
        new FirewallRule(FirewallAction.Allow) { Protocol = TransportProtocol.Icmp },
    ]));

    private static INetworkFunction Nat() => Configured("nat", new NatConfig(
        new SourceNat(new Ipv4Cidr(A(10, 0, 0, 0), 16), A(192, 0, 2, 1), new PortRange(1024, 2047), TimeSpan.FromSeconds(30)),
        [new DestinationNat(TransportProtocol.Udp, A(192, 0, 2, 1), 5000, A(10, 0, 1, 9), 53), new DestinationNat(TransportProtocol.Tcp, A(192, 0, 2, 1), 80, A(10, 0, 1, 8), 8080)]));

    private static INetworkFunction LoadBalancer() => Configured("lb", new LoadBalancerConfig(A(10, 0, 9, 1), 80, TransportProtocol.Tcp,
        Enumerable.Range(1, 4).Select(i => new LoadBalancerBackend($"b{i}", A(10, 0, 1, (byte)i), 8080)).ToArray()));

    private static INetworkFunction RateLimiter() => Configured("rl", new RateLimiterConfig(
    [
        new RateLimitRule(1000, RateUnit.PacketsPerSecond, 50, RateLimitAction.Drop) { Class = "bulk", PerFlow = true },
        new RateLimitRule(1e6, RateUnit.BitsPerSecond, 3000, RateLimitAction.Mark),
    ]));

    private static INetworkFunction Ids() => Configured("ids", new IdsConfig(true,
    [
        new IdsSignature("sqli", "' OR 1=1"u8.ToArray()) { Protocol = TransportProtocol.Tcp, DestinationPorts = PortRange.Single(80), IgnoreCase = true },
        new IdsSignature("evil", [0xde, 0xad, 0xbe, 0xef]),
        new IdsSignature("shell", "/bin/sh"u8.ToArray()) { Protocol = TransportProtocol.Udp },
    ]) { BlockFor = TimeSpan.FromSeconds(1) });
}
