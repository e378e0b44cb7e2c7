using SdnController.Nfv.Firewall;
using SdnController.Nfv.Functions;
using SdnController.Nfv.Packets;
using SdnController.Topology.Model.Nfv;
using static SdnController.Nfv.Tests.Frames;

namespace SdnController.Nfv.Tests;

public class FirewallTests
{
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(1);

    // The contract's fw1: web from the inside /24 to 10.0.1.5, and ICMP; everything else denied.
    private static FirewallConfig WebAndIcmp(FirewallAction fallback = FirewallAction.Deny) => new(fallback, new[]
    {
        new FirewallRule(FirewallAction.Allow)
        {
            Protocol = TransportProtocol.Tcp, Source = new Ipv4Cidr(A("10.0.0.0"), 24), Destination = new Ipv4Cidr(A("10.0.1.5"), 32),
            DestinationPorts = new PortRange(80, 443),
        },
        new FirewallRule(FirewallAction.Allow) { Protocol = TransportProtocol.Icmp, Source = new Ipv4Cidr(A("10.0.0.0"), 24) },
    });

    private static FirewallFunction Configured(FirewallConfig config, TimeSpan? idle = null)
    {
        var fw = new FirewallFunction("fw1", idle);
        Assert.That(fw.Configure(1, config), Is.EqualTo(ConfigureResult.Applied));
        return fw;
    }

    [Test]
    public void AllowsWhatARuleAllowsAndDeniesTheRestByDefault()
    {
        var fw = Configured(WebAndIcmp());
        var web = fw.Process(TestFrames.Tcp(A("10.0.0.7"), 5000, A("10.0.1.5"), 443, syn: true), T0);
        Assert.That((web.Action, web.Rule), Is.EqualTo((NfvAction.Forward, 0)));
        var ssh = fw.Process(TestFrames.Tcp(A("10.0.0.7"), 5001, A("10.0.1.5"), 22, syn: true), T0);
        Assert.That((ssh.Action, ssh.Reason, ssh.Rule), Is.EqualTo((NfvAction.Drop, DropReason.DefaultDeny, 2)), "rule 3 is the default");
        var outsider = fw.Process(TestFrames.Tcp(A("10.0.5.7"), 5000, A("10.0.1.5"), 80, syn: true), T0);
        Assert.That(outsider.Action, Is.EqualTo(NfvAction.Drop), "source outside the /24");
        var udp = fw.Process(TestFrames.Udp(A("10.0.0.7"), 5000, A("10.0.1.5"), 80), T0);
        Assert.That(udp.Action, Is.EqualTo(NfvAction.Drop), "tcp rule, udp packet");

        Assert.That((fw.Counters.Total.In, fw.Counters.Total.Out, fw.Counters.Total.Dropped), Is.EqualTo((4L, 1L, 3L)));
        Assert.That(fw.Counters.RuleNames, Is.EqualTo(new[] { "rule 1", "rule 2", "default" }));
        Assert.That((fw.Counters.Rules[0].In, fw.Counters.Rules[0].Out), Is.EqualTo((1L, 1L)));
        Assert.That((fw.Counters.Rules[2].In, fw.Counters.Rules[2].Dropped), Is.EqualTo((3L, 3L)));
    }

    [Test]
    public void FirstMatchingRuleWins()
    {
        var fw = Configured(new FirewallConfig(FirewallAction.Allow, new[]
        {
            new FirewallRule(FirewallAction.Deny) { Protocol = TransportProtocol.Udp, DestinationPorts = PortRange.Single(53) },
            new FirewallRule(FirewallAction.Allow) { Protocol = TransportProtocol.Udp },
        }));
        var dns = fw.Process(TestFrames.Udp(A("10.0.0.1"), 1000, A("10.0.0.2"), 53), T0);
        Assert.That((dns.Action, dns.Reason, dns.Rule), Is.EqualTo((NfvAction.Drop, DropReason.Denied, 0)));
        Assert.That(fw.Process(TestFrames.Udp(A("10.0.0.1"), 1000, A("10.0.0.2"), 54), T0).Rule, Is.EqualTo(1));
        var tcp = fw.Process(TestFrames.Tcp(A("10.0.0.1"), 1000, A("10.0.0.2"), 53), T0);
        Assert.That((tcp.Action, tcp.Rule), Is.EqualTo((NfvAction.Forward, 2)), "default allow");
    }

    [Test]
    public void RepliesOfAllowedConnectionsPassAndUnsolicitedOnesDoNot()
    {
        var fw = Configured(WebAndIcmp());
        Assert.That(fw.Process(TestFrames.Tcp(A("10.0.0.7"), 5000, A("10.0.1.5"), 80, syn: true), T0).Passes);
        var reply = fw.Process(TestFrames.Tcp(A("10.0.1.5"), 80, A("10.0.0.7"), 5000, syn: true, ack: true), T0 + TimeSpan.FromMilliseconds(1));
        Assert.That((reply.Action, reply.Rule), Is.EqualTo((NfvAction.Forward, 0)), "the reply is counted against the rule that opened the connection");
        var unsolicited = fw.Process(TestFrames.Tcp(A("10.0.1.5"), 80, A("10.0.0.7"), 5001, syn: true, ack: true), T0);
        Assert.That(unsolicited.Action, Is.EqualTo(NfvAction.Drop), "another port: not a reply");
        Assert.That(fw.ConnectionCount, Is.EqualTo(1));

        // Ping out is allowed, so its echo reply comes back; a ping in is not.
        Assert.That(fw.Process(TestFrames.IcmpEcho(A("10.0.0.7"), A("8.8.8.8"), id: 77), T0).Passes);
        Assert.That(fw.Process(TestFrames.IcmpEcho(A("8.8.8.8"), A("10.0.0.7"), id: 77, request: false), T0).Passes);
        Assert.That(fw.Process(TestFrames.IcmpEcho(A("8.8.8.8"), A("10.0.0.7"), id: 78), T0).Action, Is.EqualTo(NfvAction.Drop));
    }

    [Test]
    public void IdleConnectionsExpire()
    {
        var fw = Configured(WebAndIcmp(), idle: TimeSpan.FromSeconds(30));
        fw.Process(TestFrames.Tcp(A("10.0.0.7"), 5000, A("10.0.1.5"), 80), T0);
        Assert.That(fw.Process(TestFrames.Tcp(A("10.0.1.5"), 80, A("10.0.0.7"), 5000), T0 + TimeSpan.FromSeconds(29)).Passes, "within the timeout");
        Assert.That(fw.Process(TestFrames.Tcp(A("10.0.1.5"), 80, A("10.0.0.7"), 5000), T0 + TimeSpan.FromSeconds(58)).Passes, "each packet refreshes it");
        Assert.That(fw.Process(TestFrames.Tcp(A("10.0.1.5"), 80, A("10.0.0.7"), 5000), T0 + TimeSpan.FromSeconds(89)).Action, Is.EqualTo(NfvAction.Drop));
    }

    [Test]
    public void DefaultAllowPassesWhatNoRuleDenies()
    {
        var fw = Configured(new FirewallConfig(FirewallAction.Allow, new[] { new FirewallRule(FirewallAction.Deny) { Destination = new Ipv4Cidr(A("10.0.9.0"), 24) } }));
        Assert.That(fw.Process(TestFrames.Udp(A("10.0.0.1"), 1, A("10.0.8.1"), 2), T0).Passes);
        Assert.That(fw.Process(TestFrames.Udp(A("10.0.0.1"), 1, A("10.0.9.1"), 2), T0).Action, Is.EqualTo(NfvAction.Drop));
    }

    [Test]
    public void ArpPassesButOtherNonIpv4TrafficGetsTheDefault()
    {
        var fw = Configured(WebAndIcmp());
        Assert.That(fw.Process(TestFrames.Arp(A("10.0.0.7"), A("10.0.0.1")), T0).Passes);
        var ipv6 = TestFrames.Udp(A("10.0.0.7"), 1, A("10.0.1.5"), 80);
        ipv6[12] = 0x86;
        ipv6[13] = 0xdd;
        Assert.That(fw.Process(ipv6, T0).Reason, Is.EqualTo(DropReason.DefaultDeny), "IPv6 may not bypass IPv4 rules");
    }

    [Test]
    public void ConfigurationIsVersionedAndIdempotent()
    {
        var fw = new FirewallFunction("fw1");
        Assert.That(fw.AppliedVersion, Is.Zero);
        Assert.That(fw.Process(TestFrames.Tcp(A("10.0.0.7"), 5000, A("10.0.1.5"), 80), T0).Action, Is.EqualTo(NfvAction.Drop), "unconfigured: closed");
        Assert.That(fw.Configure(3, WebAndIcmp()), Is.EqualTo(ConfigureResult.Applied));
        Assert.That(fw.Process(TestFrames.Tcp(A("10.0.0.7"), 5000, A("10.0.1.5"), 80), T0).Passes);
        Assert.That(fw.Configure(3, new FirewallConfig(FirewallAction.Deny, Array.Empty<FirewallRule>())), Is.EqualTo(ConfigureResult.AlreadyApplied));
        Assert.That(fw.Configure(2, new FirewallConfig(FirewallAction.Deny, Array.Empty<FirewallRule>())), Is.EqualTo(ConfigureResult.Stale));
        Assert.That(fw.AppliedVersion, Is.EqualTo(3));
        Assert.That(fw.Process(TestFrames.Tcp(A("10.0.1.5"), 80, A("10.0.0.7"), 5000), T0).Passes, "neither changed the rules");

        // Version 4 allows nothing: the open connection is judged again and its reply dropped.
        Assert.That(fw.Configure(4, new FirewallConfig(FirewallAction.Deny, Array.Empty<FirewallRule>())), Is.EqualTo(ConfigureResult.Applied));
        Assert.That(fw.Process(TestFrames.Tcp(A("10.0.1.5"), 80, A("10.0.0.7"), 5000), T0).Action, Is.EqualTo(NfvAction.Drop));
        Assert.That(fw.Counters.Total.In, Is.EqualTo(4), "totals survive reconfiguration");
        Assert.Throws<ArgumentException>(() => fw.Configure(5, new IdsConfig(false, Array.Empty<IdsSignature>())));
        Assert.Throws<ArgumentException>(() => fw.Configure(0, WebAndIcmp()));
    }

    [Test]
    public void ConnectionsStillAllowedByNewRulesSurviveAReconfiguration()
    {
        var fw = Configured(WebAndIcmp());
        fw.Process(TestFrames.Tcp(A("10.0.0.7"), 5000, A("10.0.1.5"), 80), T0);
        var narrower = new FirewallConfig(FirewallAction.Deny, new[] { WebAndIcmp().Rules[0] with { DestinationPorts = PortRange.Single(80) } });
        fw.Configure(2, narrower);
        Assert.That(fw.Process(TestFrames.Tcp(A("10.0.1.5"), 80, A("10.0.0.7"), 5000), T0).Passes);
    }
}
