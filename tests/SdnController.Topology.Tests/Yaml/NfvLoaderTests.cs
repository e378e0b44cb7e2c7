using SdnController.Topology.Model;
using SdnController.Topology.Model.Nfv;
using SdnController.Topology.Writing;
using static SdnController.Topology.Tests.Yaml.YamlTestSupport;

namespace SdnController.Topology.Tests.Yaml;

/// <summary>The <c>nfv:</c> and <c>chains:</c> sections: every value of the contract, references, and errors.</summary>
public class NfvLoaderTests
{
    internal const string Network = """
        switches: [{id: s1}, {id: s2}, {id: s3}, {id: s4}]
        hosts:
          - {id: h1, attach: s1, ipv4: 10.0.0.1/24}
          - {id: h5, attach: s2, ipv4: 10.0.1.5/24}
          - {id: h6, attach: s2, ipv4: 10.0.1.6/24}
          - {id: h7, attach: s2:7, ipv4: 10.0.1.7/24}
          - {id: h8, attach: s2}
        links:
          - endpoints: [s1, s2]
          - endpoints: [s2, s3]
          - endpoints: [s3, s4]

        """;

    internal const string Contract = Network + """
        nfv:
          fw1:
            kind: firewall
            attach: s3
            standby: fw2
            default: deny
            rules:
              - {action: allow, proto: tcp, src: 10.0.0.0/24, dst: 10.0.1.5, dport: 80-443}
              - {action: allow, proto: icmp}
          fw2: {kind: firewall, attach: s3:10, default: allow}
          nat1:
            kind: nat
            attach: s1
            snat: {inside: 10.0.0.0/16, address: 192.0.2.1, ports: 20000-29999, timeout: 60s}
            dnat: [{proto: tcp, address: 192.0.2.1, port: 8080, to: 10.0.1.5:80}]
          lb1:
            kind: load-balancer
            attach: s2
            vip: 10.0.9.1:80
            proto: tcp
            backends: [h5, h6, h7, 10.0.2.1:8080]
          rl1:
            kind: rate-limiter
            attach: s2
            rules: [{class: bulk, rate: 10Mbps, burst: 64KB, action: drop}, {per: flow, rate: 1000pps, action: mark}]
          ids1:
            kind: ids
            attach: s4
            block: true
            block_for: 90s
            signatures: [{id: sqli, pattern: "' OR 1=1", proto: tcp, dport: 80}, {id: evil, hex: "de ad be ef"}]
        chains:
          - {id: web-in, match: {to: h5, proto: tcp, dport: 80}, through: [fw1, ids1, lb1]}
          - {id: all, through: [nat1]}
        """;

    private static uint A(string s) { Assert.That(Ipv4Cidr.TryParseAddress(s, out var a)); return a; }

    [Test]
    public void ReadsEveryValueOfTheContract()
    {
        var (t, bag) = Load(Contract);
        Assert.That(t, Is.Not.Null, Render(bag));
        Assert.That(bag.Items, Is.Empty, Render(bag));
        Assert.That(t!.Nfv.Select(n => n.Id), Is.EqualTo(new[] { "fw1", "fw2", "nat1", "lb1", "rl1", "ids1" }));
        // s2: link ports 1 and 2, h7's explicit 7, hosts h5 h6 h8 take 3 4 5, then lb1 6 and rl1 8.
        Assert.That(t.Nfv.Select(n => n.Attachment.ToString()), Is.EqualTo(new[] { "s3:3", "s3:10", "s1:3", "s2:6", "s2:8", "s4:2" }));
        Assert.That(t.Hosts.Select(h => h.Attachment.ToString()), Is.EqualTo(new[] { "s1:2", "s2:3", "s2:4", "s2:7", "s2:5" }), "functions never renumber hosts");

        var fw = t.FindNfv("fw1")!;
        Assert.That((fw.Kind, fw.Standby), Is.EqualTo((NfvKind.Firewall, "fw2")));
        var fc = (FirewallConfig)fw.Config;
        Assert.That(fc.Default, Is.EqualTo(FirewallAction.Deny));
        var r0 = fc.Rules[0];
        Assert.That((r0.Action, r0.Protocol, r0.Source.ToString(), r0.Destination.ToString(), r0.SourcePorts, r0.DestinationPorts),
            Is.EqualTo((FirewallAction.Allow, TransportProtocol.Tcp, "10.0.0.0/24", "10.0.1.5", PortRange.Any, new PortRange(80, 443))));
        Assert.That((fc.Rules[1].Protocol, fc.Rules[1].Source.IsAny), Is.EqualTo((TransportProtocol.Icmp, true)));
        Assert.That(((FirewallConfig)t.FindNfv("fw2")!.Config).Default, Is.EqualTo(FirewallAction.Allow));

        var nat = (NatConfig)t.FindNfv("nat1")!.Config;
        Assert.That(nat.Snat, Is.EqualTo(new SourceNat(new Ipv4Cidr(A("10.0.0.0"), 16), A("192.0.2.1"), new PortRange(20000, 29999), TimeSpan.FromSeconds(60))));
        Assert.That(nat.Dnat.Single(), Is.EqualTo(new DestinationNat(TransportProtocol.Tcp, A("192.0.2.1"), 8080, A("10.0.1.5"), 80)));

        var lb = (LoadBalancerConfig)t.FindNfv("lb1")!.Config;
        Assert.That((lb.VipAddress, lb.VipPort, lb.Protocol), Is.EqualTo((A("10.0.9.1"), 80, TransportProtocol.Tcp)));
        Assert.That(lb.Backends, Is.EqualTo(new[]
        {
            new LoadBalancerBackend("h5", A("10.0.1.5"), 80), new LoadBalancerBackend("h6", A("10.0.1.6"), 80),
            new LoadBalancerBackend("h7", A("10.0.1.7"), 80), new LoadBalancerBackend(null, A("10.0.2.1"), 8080),
        }), "host backends take the host's address and the VIP's port");

        var rl = (RateLimiterConfig)t.FindNfv("rl1")!.Config;
        Assert.That((rl.Rules[0].Class, rl.Rules[0].PerFlow, rl.Rules[0].Rate, rl.Rules[0].Unit, rl.Rules[0].Burst, rl.Rules[0].Action),
            Is.EqualTo(("bulk", false, 10e6, RateUnit.BitsPerSecond, 64000.0, RateLimitAction.Drop)));
        Assert.That((rl.Rules[1].Class, rl.Rules[1].PerFlow, rl.Rules[1].Rate, rl.Rules[1].Unit, rl.Rules[1].Burst, rl.Rules[1].Action, rl.Rules[1].Dscp),
            Is.EqualTo(((string?)null, true, 1000.0, RateUnit.PacketsPerSecond, 100.0, RateLimitAction.Mark, 8)), "default burst: 100 ms at the rate");

        var ids = (IdsConfig)t.FindNfv("ids1")!.Config;
        Assert.That(ids.Block);
        Assert.That(ids.BlockFor, Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(ids.Signatures[0].Pattern, Is.EqualTo("' OR 1=1"u8.ToArray()));
        Assert.That((ids.Signatures[0].Protocol, ids.Signatures[0].DestinationPorts), Is.EqualTo((TransportProtocol.Tcp, PortRange.Single(80))));
        Assert.That(ids.Signatures[1].Pattern, Is.EqualTo(new byte[] { 0xde, 0xad, 0xbe, 0xef }));

        var chain = t.Chains[0];
        Assert.That((chain.Id, chain.Match.To, chain.Match.From, chain.Match.Protocol, chain.Match.DestinationPorts),
            Is.EqualTo(("web-in", "h5", (string?)null, TransportProtocol.Tcp, PortRange.Single(80))));
        Assert.That(chain.Through, Is.EqualTo(new[] { "fw1", "ids1", "lb1" }));
        Assert.That(t.Chains[1].Match, Is.EqualTo(new ChainMatch()), "no match: all traffic");
    }

    [Test]
    public void WritesFunctionsAndChainsThatLoadBackTheSame()
    {
        var (t, bag) = Load(Contract);
        Assert.That(t, Is.Not.Null, Render(bag));
        var yaml = TopologyYamlWriter.ToYaml(t!);
        var (again, bag2) = Load(yaml, "again.yaml");
        Assert.That(again, Is.Not.Null, Render(bag2) + "\n" + yaml);
        Assert.That(TopologyYamlWriter.ToYaml(again!), Is.EqualTo(yaml));
        Assert.That(again!.Nfv.Select(n => (n.Id, n.Attachment, n.Standby, n.Kind)), Is.EqualTo(t!.Nfv.Select(n => (n.Id, n.Attachment, n.Standby, n.Kind))));
        Assert.That(((LoadBalancerConfig)again.FindNfv("lb1")!.Config).Backends, Is.EqualTo(((LoadBalancerConfig)t.FindNfv("lb1")!.Config).Backends));
        Assert.That(((IdsConfig)again.FindNfv("ids1")!.Config).BlockFor, Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(((IdsConfig)again.FindNfv("ids1")!.Config).Signatures[1].Pattern, Is.EqualTo(new byte[] { 0xde, 0xad, 0xbe, 0xef }));
        Assert.That(again.Chains.Select(c => (c.Id, c.Match, string.Join(",", c.Through))), Is.EqualTo(t.Chains.Select(c => (c.Id, c.Match, string.Join(",", c.Through)))));
    }

    [Test]
    public void TrafficAndChainsMayBeAddressedToAVipOrAPortForward()
    {
        var (t, bag) = Load(Network + """
            nfv:
              lb: {kind: load-balancer, attach: s3, vip: 10.0.9.1:8080, backends: [h5, h6]}
              n: {kind: nat, attach: s3, dnat: [{proto: udp, address: 192.0.2.1, port: 53, to: "10.0.1.7:5353"}]}
            chains:
              - {id: web, match: {to: lb}, through: [lb]}
            traffic:
              - {id: a, from: h1, to: lb, kind: tcp}
              - {id: b, from: h1, to: n, kind: udp}
            """);
        Assert.That(t, Is.Not.Null, Render(bag));
        Assert.That(t!.Traffic.Select(f => (f.Id, f.To, f.DestinationPort)), Is.EqualTo(new[] { ("a", "lb", 8080), ("b", "n", 53) }), "the service's port by default");
        Assert.That(t.Chains.Single().Match.To, Is.EqualTo("lb"));
        var vip = ServiceAddress.Find(t, "lb", 8080)!;
        Assert.That((vip.Address, vip.Port, vip.Protocol, string.Join(",", vip.Receivers)), Is.EqualTo((A("10.0.9.1"), 8080, TransportProtocol.Tcp, "h5,h6")));
        var forward = ServiceAddress.Find(t, "n", null)!;
        Assert.That((forward.Address, forward.Port, forward.Protocol, string.Join(",", forward.Receivers)), Is.EqualTo((A("192.0.2.1"), 53, TransportProtocol.Udp, "h7")));
    }

    [Test]
    public void EmptySectionsMeanNone()
    {
        foreach (var text in new[] { "nfv: []\nchains: []\n", "nfv:\nchains:\n", "nfv: {}\n" })
        {
            var (t, bag) = Load(Network + text);
            Assert.That(t, Is.Not.Null, Render(bag));
            Assert.That((t!.Nfv.Count, t.Chains.Count), Is.EqualTo((0, 0)));
        }
    }

    private static IEnumerable<TestCaseData> Broken()
    {
        // (name, nfv/chains text after the network, line within that text (1-based), column, message parts)
        TestCaseData C(string name, string text, int line, int col, params string[] parts) =>
            new TestCaseData(text, line, col, parts).SetName("Nfv_" + name);
        yield return C("UnknownKind", "nfv:\n  fw: {kind: firewal, attach: s1}\n", 2, 14, "expected one of firewall | nat | load-balancer | rate-limiter | ids for 'kind'", "did you mean 'firewall'?");
        yield return C("MissingKind", "nfv:\n  fw: {attach: s1}\n", 2, 7, "nfv instance 'fw' is missing required key 'kind'");
        yield return C("MissingAttach", "nfv:\n  fw: {kind: firewall}\n", 2, 7, "firewall 'fw' is missing required key 'attach'");
        yield return C("UnknownKeyForKind", "nfv:\n  n: {kind: nat, attach: s1, rules: [], snat: {inside: 10.0.0.0/8, address: 1.2.3.4}}\n", 2, 30, "unknown key 'rules' in nat 'n'", "expected one of: kind, attach, standby, snat, dnat");
        yield return C("MisspeltKey", "nfv:\n  fw: {kind: firewall, attach: s1, defualt: allow}\n", 2, 36, "unknown key 'defualt'", "did you mean 'default'?");
        yield return C("UnknownSwitch", "nfv:\n  fw: {kind: firewall, attach: s9}\n", 2, 32, "nfv instance 'fw' attachment refers to unknown switch 's9'");
        yield return C("AttachToHost", "nfv:\n  fw: {kind: firewall, attach: h1}\n", 2, 32, "nfv instance 'fw' attachment 'h1' is a host; expected a switch");
        yield return C("PortInUse", "nfv:\n  fw: {kind: firewall, attach: s2:7}\n", 2, 32, "port s2:7 is already in use");
        yield return C("IdIsHost", "nfv:\n  h1: {kind: firewall, attach: s1}\n", 2, 3, "nfv instance id 'h1' is already a host id");
        yield return C("StandbyUnknown", "nfv:\n  fw: {kind: firewall, attach: s1, standby: fw3}\n  fw2: {kind: firewall, attach: s1}\n", 2, 45, "standby of 'fw' refers to unknown nfv instance 'fw3'", "did you mean");
        yield return C("StandbyOtherKind", "nfv:\n  fw: {kind: firewall, attach: s1, standby: i}\n  i: {kind: ids, attach: s1, signatures: [{id: x, pattern: a}]}\n", 2, 45, "standby 'i' of 'fw' is a ids; a standby must be another firewall");
        yield return C("StandbySelf", "nfv:\n  fw: {kind: firewall, attach: s1, standby: fw}\n", 2, 45, "cannot be its own standby");
        yield return C("BadAction", "nfv:\n  fw:\n    kind: firewall\n    attach: s1\n    rules: [{action: permit}]\n", 5, 22, "expected one of deny | allow for 'action'", "found 'permit'");
        yield return C("BadCidr", "nfv:\n  fw:\n    kind: firewall\n    attach: s1\n    rules: [{action: allow, src: 10.0.0.1/24}]\n", 5, 34, "host bits are set", "did you mean '10.0.0.0/24'?");
        yield return C("BadPortRange", "nfv:\n  fw:\n    kind: firewall\n    attach: s1\n    rules: [{action: allow, proto: tcp, dport: 443-80}]\n", 5, 48, "port range 443-80 is empty");
        yield return C("PortAbove65535", "nfv:\n  fw:\n    kind: firewall\n    attach: s1\n    rules: [{action: allow, proto: udp, sport: 70000}]\n", 5, 48, "expected a port (0..65535)");
        yield return C("IcmpPorts", "nfv:\n  fw:\n    kind: firewall\n    attach: s1\n    rules: [{action: allow, proto: icmp, dport: 80}]\n", 5, 36, "ICMP has none");
        yield return C("BadProto", "nfv:\n  fw:\n    kind: firewall\n    attach: s1\n    rules: [{action: allow, proto: tpc}]\n", 5, 36, "expected one of tcp | udp | icmp | any", "did you mean 'tcp'?");
        yield return C("RuleKeyTypo", "nfv:\n  fw:\n    kind: firewall\n    attach: s1\n    rules: [{action: allow, dprot: 80}]\n", 5, 29, "unknown key 'dprot' in firewall rule", "did you mean 'dport'?");
        yield return C("NatNothing", "nfv:\n  n: {kind: nat, attach: s1}\n", 2, 6, "nat 'n' translates nothing");
        yield return C("SnatMissingAddress", "nfv:\n  n: {kind: nat, attach: s1, snat: {inside: 10.0.0.0/8}}\n", 2, 36, "snat is missing required key 'address'");
        yield return C("SnatBadTimeout", "nfv:\n  n: {kind: nat, attach: s1, snat: {inside: 10.0.0.0/8, address: 1.2.3.4, timeout: 0s}}\n", 2, 84, "'timeout' must be greater than 0");
        yield return C("DnatBadTo", "nfv:\n  n: {kind: nat, attach: s1, dnat: [{address: 1.2.3.4, port: 80, to: h5}]}\n", 2, 70, "expected an IPv4 address:port");
        yield return C("DnatIcmp", "nfv:\n  n: {kind: nat, attach: s1, dnat: [{proto: icmp, address: 1.2.3.4, port: 80, to: 10.0.0.1}]}\n", 2, 45, "must be tcp or udp here");
        yield return C("LbVipNoPort", "nfv:\n  lb: {kind: load-balancer, attach: s1, vip: 10.0.9.1, backends: [h5]}\n", 2, 46, "expected an IPv4 address:port");
        yield return C("LbUnknownBackend", "nfv:\n  lb: {kind: load-balancer, attach: s1, vip: 10.0.9.1:80, backends: [h5, h9]}\n", 2, 74, "backend of 'lb' refers to unknown host 'h9'");
        yield return C("LbBackendNoIp", "nfv:\n  lb: {kind: load-balancer, attach: s1, vip: 10.0.9.1:80, backends: [h8]}\n", 2, 70, "backend host 'h8' of 'lb' has no IPv4 address");
        yield return C("LbDuplicateBackend", "nfv:\n  lb: {kind: load-balancer, attach: s1, vip: 10.0.9.1:80, backends: [h5, h5]}\n", 2, 74, "backend 'h5' is listed twice");
        yield return C("LbNoBackends", "nfv:\n  lb: {kind: load-balancer, attach: s1, vip: 10.0.9.1:80, backends: []}\n", 2, 69, "at least one backend");
        yield return C("LbBadBackendAddress", "nfv:\n  lb: {kind: load-balancer, attach: s1, vip: 10.0.9.1:80, backends: [10.0.0.300:80]}\n", 2, 70, "expected a host id or an IPv4 address:port");
        yield return C("RateNoUnit", "nfv:\n  r: {kind: rate-limiter, attach: s1, rules: [{rate: 100}]}\n", 2, 54, "rate needs a unit");
        yield return C("BurstBadUnit", "nfv:\n  r: {kind: rate-limiter, attach: s1, rules: [{rate: 1Mbps, burst: 10 apples}]}\n", 2, 68, "expected a size such as 64KB");
        yield return C("BurstPacketsFraction", "nfv:\n  r: {kind: rate-limiter, attach: s1, rules: [{rate: 10pps, burst: 1.5}]}\n", 2, 68, "at least 1 whole packet");
        yield return C("RatePerTypo", "nfv:\n  r: {kind: rate-limiter, attach: s1, rules: [{rate: 10pps, per: flwo}]}\n", 2, 66, "expected one of flow for 'per'", "did you mean 'flow'?");
        yield return C("DscpOnDrop", "nfv:\n  r: {kind: rate-limiter, attach: s1, rules: [{rate: 10pps, dscp: 10}]}\n", 2, 61, "'dscp' is the mark of action: mark");
        yield return C("RateNoRules", "nfv:\n  r: {kind: rate-limiter, attach: s1}\n", 2, 6, "rate-limiter 'r' is missing required key 'rules'");
        yield return C("IdsBadHex", "nfv:\n  i: {kind: ids, attach: s1, signatures: [{id: x, hex: \"de ad bz\"}]}\n", 2, 56, "'z', which is not a hex digit");
        yield return C("IdsOddHex", "nfv:\n  i: {kind: ids, attach: s1, signatures: [{id: x, hex: abc}]}\n", 2, 56, "an even number of digits");
        yield return C("IdsPatternAndHex", "nfv:\n  i: {kind: ids, attach: s1, signatures: [{id: x, pattern: a, hex: aa}]}\n", 2, 63, "'pattern' or 'hex', not both");
        yield return C("IdsNoPattern", "nfv:\n  i: {kind: ids, attach: s1, signatures: [{id: x}]}\n", 2, 43, "missing 'pattern' (text) or 'hex'");
        yield return C("IdsDuplicateId", "nfv:\n  i: {kind: ids, attach: s1, signatures: [{id: x, pattern: a}, {id: x, pattern: b}]}\n", 2, 69, "duplicate signature id 'x'");
        yield return C("IdsBlockNotBool", "nfv:\n  i: {kind: ids, attach: s1, block: yes, signatures: [{id: x, pattern: a}]}\n", 2, 37, "expected true or false for 'block'");
        yield return C("IdsBlockForZero", "nfv:\n  i: {kind: ids, attach: s1, block: true, block_for: 0s, signatures: [{id: x, pattern: a}]}\n", 2, 54, "'block_for' must be greater than 0");
        yield return C("IdsBlockForNegative", "nfv:\n  i: {kind: ids, attach: s1, block: true, block_for: -5s, signatures: [{id: x, pattern: a}]}\n", 2, 54, "'block_for'");
        yield return C("IdsBlockForNoUnit", "nfv:\n  i: {kind: ids, attach: s1, block: true, block_for: 10, signatures: [{id: x, pattern: a}]}\n", 2, 54, "block_for");
        yield return C("IdsBlockForWithoutBlock", "nfv:\n  i: {kind: ids, attach: s1, block_for: 10s, signatures: [{id: x, pattern: a}]}\n", 2, 30, "'block_for' needs 'block: true'");
        yield return C("ChainUnknownFunction", "nfv: {fw: {kind: firewall, attach: s1}}\nchains:\n  - {id: c, through: [fw, fw9]}\n", 3, 27, "chain 'c' goes through unknown nfv instance 'fw9'", "did you mean 'fw'?");
        yield return C("ChainTwice", "nfv: {fw: {kind: firewall, attach: s1}}\nchains:\n  - {id: c, through: [fw, fw]}\n", 3, 27, "goes through 'fw' twice");
        yield return C("ChainUnknownHost", "nfv: {fw: {kind: firewall, attach: s1}}\nchains:\n  - {id: c, match: {to: h55}, through: [fw]}\n", 3, 25, "'to' of chain 'c' refers to unknown host 'h55'", "did you mean 'h5'?");
        yield return C("ChainMatchTypo", "nfv: {fw: {kind: firewall, attach: s1}}\nchains:\n  - {id: c, match: {dst: h5}, through: [fw]}\n", 3, 21, "unknown key 'dst' in chain match");
        yield return C("ChainNoThrough", "chains:\n  - {id: c}\n", 2, 5, "chain is missing required key 'through'");
        yield return C("ChainEmptyThrough", "chains:\n  - {id: c, through: []}\n", 2, 22, "at least one function");
        const string Lb = "nfv: {lb: {kind: load-balancer, attach: s1, vip: 10.0.9.1:80, backends: [h5]}, fw: {kind: firewall, attach: s1}}\n";
        yield return C("TrafficToFirewall", Lb + "traffic:\n  - {from: h1, to: fw, kind: tcp}\n", 3, 20, "'fw' is a firewall function", "a load balancer (its vip) or a NAT with port forwards");
        yield return C("TrafficToVipWrongKind", Lb + "traffic:\n  - {from: h1, to: lb, kind: udp}\n", 3, 20, "'lb' serves tcp on port 80; this flow is udp");
        yield return C("TrafficToVipWrongPort", Lb + "traffic:\n  - {from: h1, to: lb, kind: tcp, port: 81}\n", 3, 20, "load balancer 'lb' listens on port 80 only");
        yield return C("TrafficToUnforwardedPort", "nfv: {n: {kind: nat, attach: s1, dnat: [{address: 1.2.3.4, port: 80, to: 10.0.1.5}]}}\ntraffic:\n  - {from: h1, to: n, kind: tcp, port: 81}\n", 3, 20, "NAT 'n' forwards no port 81 (it forwards 80)");
        yield return C("ChainToFirewall", "nfv: {fw: {kind: firewall, attach: s1}}\nchains:\n  - {id: c, match: {to: fw}, through: [fw]}\n", 3, 25, "'to' of chain 'c' refers to unknown host 'fw'");
        yield return C("ChainDuplicate", "nfv: {fw: {kind: firewall, attach: s1}}\nchains:\n  - {id: c, through: [fw]}\n  - {id: c, through: [fw]}\n", 4, 10, "duplicate chain id 'c'");
    }

    [TestCaseSource(nameof(Broken))]
    public void BadValuesAreReportedAtTheirPlace(string text, int line, int col, string[] parts)
    {
        var (t, bag) = Load(Network + text);
        Assert.That(t, Is.Null);
        var networkLines = Network.Split('\n').Length - 1;
        var errors = bag.Items.Where(d => d.Severity == Diagnostics.Severity.Error).ToList();
        var match = errors.FirstOrDefault(d => parts.All(p => d.Message.Contains(p, StringComparison.Ordinal)));
        Assert.That(match, Is.Not.Null, $"no error containing [{string.Join("; ", parts)}]:\n{Render(bag)}");
        Assert.That((match!.Location!.Line - networkLines, match.Location.Column), Is.EqualTo((line, col)), match.ToString());
    }
}
