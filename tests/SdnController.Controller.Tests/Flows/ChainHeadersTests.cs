using SdnController.Controller.Flows;
using SdnController.Southbound.Matching;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Controller.Tests.Flows;

/// <summary>The headers a chain's segments match after each kind of function (what the functions themselves do to packets).</summary>
public class ChainHeadersTests
{
    private static uint A(string s) { Assert.That(Ipv4Cidr.TryParseAddress(s, out var a)); return a; }

    private static Match Tcp(string src, ushort sport, string dst, ushort dport) => new()
    {
        EthType = 0x0800,
        Ipv4Src = Ipv4Prefix.Host(A(src)),
        Ipv4Dst = Ipv4Prefix.Host(A(dst)),
        IpProto = 6,
        L4Src = sport,
        L4Dst = dport,
    };

    private static readonly LoadBalancerConfig Lb = new(A("10.0.9.1"), 80, TransportProtocol.Tcp,
        [new LoadBalancerBackend("h3", A("10.0.1.3"), 80), new LoadBalancerBackend(null, A("10.0.1.4"), 8080)]);

    private static readonly NatConfig Nat = new(new SourceNat(new Ipv4Cidr(A("10.0.0.0"), 24), A("192.0.2.1"), new PortRange(20000, 29999), TimeSpan.FromSeconds(60)),
        [new DestinationNat(TransportProtocol.Tcp, A("192.0.2.1"), 8080, A("10.0.0.1"), 80)]);

    [Test]
    public void A_load_balancer_gives_each_backend_its_own_destination_and_leaves_the_client_side()
    {
        var toVip = Tcp("10.0.0.1", 20001, "10.0.9.1", 80);
        Assert.That(ChainHeaders.After(Lb, toVip, A("10.0.1.3")), Is.EqualTo(Tcp("10.0.0.1", 20001, "10.0.1.3", 80)));
        Assert.That(ChainHeaders.After(Lb, toVip, A("10.0.1.4")), Is.EqualTo(Tcp("10.0.0.1", 20001, "10.0.1.4", 8080)), "an address:port backend keeps its port");
        Assert.That(ChainHeaders.After(Lb, toVip, A("10.0.1.9")), Is.Null, "no branch to a host that is no backend");
        var other = Tcp("10.0.0.1", 20001, "10.0.1.9", 80);
        Assert.That(ChainHeaders.After(Lb, other, A("10.0.1.9")), Is.EqualTo(other), "traffic not for the VIP passes as it is");
    }

    [Test]
    public void A_source_nat_gives_the_public_address_and_leaves_its_pool_port_unmatched()
    {
        var outbound = Tcp("10.0.0.1", 40001, "198.51.100.2", 443);
        var after = ChainHeaders.After(Nat, outbound, A("198.51.100.2"))!;
        Assert.That((after.Ipv4Src, after.L4Src, after.Ipv4Dst, after.L4Dst, after.IpProto),
            Is.EqualTo(((Ipv4Prefix?)Ipv4Prefix.Host(A("192.0.2.1")), (ushort?)null, outbound.Ipv4Dst, (ushort?)443, (byte?)6)));
        // Replies carry the mirror: to the public address, any port.
        var reply = ChainHeaders.Swap(after);
        Assert.That((reply.Ipv4Src, reply.L4Src, reply.Ipv4Dst, reply.L4Dst), Is.EqualTo((outbound.Ipv4Dst, (ushort?)443, (Ipv4Prefix?)Ipv4Prefix.Host(A("192.0.2.1")), (ushort?)null)));
        var inside = Tcp("10.0.0.1", 40001, "10.0.0.7", 443);
        Assert.That(ChainHeaders.After(Nat, inside, A("10.0.0.7")), Is.EqualTo(inside), "inside to inside is not translated");
    }

    [Test]
    public void A_port_forward_rewrites_the_destination_before_the_source_nat_is_considered()
    {
        var inbound = Tcp("198.51.100.2", 50000, "192.0.2.1", 8080);
        Assert.That(ChainHeaders.After(Nat, inbound, A("10.0.0.1")), Is.EqualTo(Tcp("198.51.100.2", 50000, "10.0.0.1", 80)));
        Assert.That(ChainHeaders.DestinationChanged(inbound, Tcp("198.51.100.2", 50000, "10.0.0.1", 80)), Is.True);
        Assert.That(ChainHeaders.After(new FirewallConfig(FirewallAction.Deny, []), inbound, 0), Is.SameAs(inbound), "a firewall keeps the headers");
    }
}
