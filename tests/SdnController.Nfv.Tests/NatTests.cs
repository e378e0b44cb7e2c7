using SdnController.Nfv.Functions;
using SdnController.Nfv.Nat;
using SdnController.Nfv.Packets;
using SdnController.Topology.Model.Nfv;
using static SdnController.Nfv.Tests.Frames;

namespace SdnController.Nfv.Tests;

public class NatTests
{
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(1);
    private static readonly uint Public = A("192.0.2.1");

    private static NatFunction Nat(PortRange? ports = null, TimeSpan? timeout = null, params DestinationNat[] dnat)
    {
        var nat = new NatFunction("nat1");
        var snat = new SourceNat(new Ipv4Cidr(A("10.0.0.0"), 16), Public, ports ?? new PortRange(20000, 29999), timeout ?? TimeSpan.FromSeconds(60));
        nat.Configure(1, new NatConfig(snat, dnat));
        return nat;
    }

    [Test]
    public void SourceNatMapsEachInsideSocketToAPublicPortAndTranslatesRepliesBack()
    {
        var nat = Nat();
        var f = TestFrames.Tcp(A("10.0.0.5"), 4000, A("8.8.8.8"), 53, "query"u8);
        Assert.That(nat.Process(f, T0).Action, Is.EqualTo(NfvAction.Rewritten));
        var v = View(f);
        Assert.That((v.Source, v.SourcePort, v.Destination, v.DestinationPort), Is.EqualTo((Public, (ushort)20000, A("8.8.8.8"), (ushort)53)));
        AssertChecksumsValid(f);

        var again = TestFrames.Tcp(A("10.0.0.5"), 4000, A("8.8.4.4"), 53);
        nat.Process(again, T0);
        Assert.That(View(again).SourcePort, Is.EqualTo(20000), "one inside socket keeps its port whoever it talks to");
        var other = TestFrames.Udp(A("10.0.3.9"), 4000, A("8.8.8.8"), 53, "q"u8);
        nat.Process(other, T0);
        Assert.That(View(other).SourcePort, Is.EqualTo(20001));
        AssertChecksumsValid(other);

        var reply = TestFrames.Tcp(A("8.8.8.8"), 53, Public, 20000, "answer"u8);
        Assert.That(nat.Process(reply, T0).Action, Is.EqualTo(NfvAction.Rewritten));
        var r = View(reply);
        Assert.That((r.Source, r.SourcePort, r.Destination, r.DestinationPort), Is.EqualTo((A("8.8.8.8"), (ushort)53, A("10.0.0.5"), (ushort)4000)));
        AssertChecksumsValid(reply);
        Assert.That(nat.MappingCount, Is.EqualTo(2));
    }

    [Test]
    public void PingsAreMappedByTheirEchoIdentifier()
    {
        var nat = Nat();
        var ping = TestFrames.IcmpEcho(A("10.0.0.5"), A("8.8.8.8"), id: 7, payload: "abcdefgh"u8);
        nat.Process(ping, T0);
        var v = View(ping);
        Assert.That((v.Source, v.SourcePort), Is.EqualTo((Public, (ushort)20000)));
        AssertChecksumsValid(ping);
        var pong = TestFrames.IcmpEcho(A("8.8.8.8"), Public, id: 20000, request: false, payload: "abcdefgh"u8);
        nat.Process(pong, T0);
        Assert.That((View(pong).Destination, View(pong).SourcePort), Is.EqualTo((A("10.0.0.5"), (ushort)7)));
        AssertChecksumsValid(pong);
    }

    [Test]
    public void UnsolicitedPacketsToThePublicAddressAreDropped()
    {
        var nat = Nat();
        var v = nat.Process(TestFrames.Tcp(A("8.8.8.8"), 53, Public, 20000), T0);
        Assert.That((v.Action, v.Reason), Is.EqualTo((NfvAction.Drop, DropReason.NoMapping)));
        Assert.That(nat.Process(TestFrames.Tcp(A("8.8.8.8"), 53, A("9.9.9.9"), 1), T0).Action, Is.EqualTo(NfvAction.Forward), "not ours: untouched");
    }

    [Test]
    public void ThePortRangeRunsOutAndIdleMappingsFreeTheirPorts()
    {
        var nat = Nat(ports: new PortRange(20000, 20002), timeout: TimeSpan.FromSeconds(10));
        for (ushort p = 1; p <= 3; p++)
            Assert.That(nat.Process(TestFrames.Udp(A("10.0.0.5"), p, A("8.8.8.8"), 53), T0).Action, Is.EqualTo(NfvAction.Rewritten));
        var fourth = nat.Process(TestFrames.Udp(A("10.0.0.5"), 4, A("8.8.8.8"), 53), T0 + TimeSpan.FromSeconds(5));
        Assert.That((fourth.Action, fourth.Reason), Is.EqualTo((NfvAction.Drop, DropReason.NoMapping)), "three ports, three mappings in use");
        Assert.That(nat.Process(TestFrames.Tcp(A("10.0.0.5"), 4, A("8.8.8.8"), 53), T0).Action, Is.EqualTo(NfvAction.Rewritten), "TCP has its own ports");

        // Keep the first alive; the other two go idle and their ports are handed out again.
        nat.Process(TestFrames.Udp(A("10.0.0.5"), 1, A("8.8.8.8"), 53), T0 + TimeSpan.FromSeconds(8));
        var later = TestFrames.Udp(A("10.0.0.5"), 4, A("8.8.8.8"), 53);
        Assert.That(nat.Process(later, T0 + TimeSpan.FromSeconds(12)).Action, Is.EqualTo(NfvAction.Rewritten));
        Assert.That(View(later).SourcePort, Is.InRange(20001, 20002));
        var stillFirst = TestFrames.Udp(A("10.0.0.5"), 1, A("8.8.8.8"), 53);
        nat.Process(stillFirst, T0 + TimeSpan.FromSeconds(12));
        Assert.That(View(stillFirst).SourcePort, Is.EqualTo(20000), "the live mapping kept its port");
    }

    [Test]
    public void RepliesAfterTheTimeoutFindNoMapping()
    {
        var nat = Nat(timeout: TimeSpan.FromSeconds(10));
        nat.Process(TestFrames.Udp(A("10.0.0.5"), 4000, A("8.8.8.8"), 53), T0);
        Assert.That(nat.Process(TestFrames.Udp(A("8.8.8.8"), 53, Public, 20000), T0 + TimeSpan.FromSeconds(9)).Passes);
        Assert.That(nat.Process(TestFrames.Udp(A("8.8.8.8"), 53, Public, 20000), T0 + TimeSpan.FromSeconds(20)).Reason, Is.EqualTo(DropReason.NoMapping));
    }

    [Test]
    public void PortForwardsRewriteTheDestinationAndTheirRepliesTheSource()
    {
        var nat = Nat(dnat: new DestinationNat(TransportProtocol.Tcp, Public, 8080, A("10.0.1.5"), 80));
        var inbound = TestFrames.Tcp(A("203.0.113.9"), 50000, Public, 8080, "GET /"u8);
        var v = nat.Process(inbound, T0);
        Assert.That((v.Action, v.Rule), Is.EqualTo((NfvAction.Rewritten, 1)));
        Assert.That((View(inbound).Destination, View(inbound).DestinationPort, View(inbound).Source), Is.EqualTo((A("10.0.1.5"), (ushort)80, A("203.0.113.9"))));
        AssertChecksumsValid(inbound);

        var reply = TestFrames.Tcp(A("10.0.1.5"), 80, A("203.0.113.9"), 50000, "200 OK"u8);
        Assert.That(nat.Process(reply, T0).Rule, Is.EqualTo(1));
        Assert.That((View(reply).Source, View(reply).SourcePort), Is.EqualTo((Public, (ushort)8080)), "not source-NATed to a new port");
        AssertChecksumsValid(reply);
        Assert.That(nat.Counters.RuleNames, Is.EqualTo(new[] { "snat", "dnat tcp 192.0.2.1:8080" }));
        Assert.That(nat.Counters.Rules[1].Out, Is.EqualTo(2));
    }

    [Test]
    public void UdpWithoutChecksumStaysWithout()
    {
        var nat = Nat();
        var f = TestFrames.Udp(A("10.0.0.5"), 4000, A("8.8.8.8"), 53, "x"u8);
        var l4 = View(f).L4;
        f[l4 + 6] = 0;
        f[l4 + 7] = 0;
        nat.Process(f, T0);
        Assert.That((f[l4 + 6], f[l4 + 7]), Is.EqualTo(((byte)0, (byte)0)));
        Assert.That(View(f).Source, Is.EqualTo(Public));
    }
}
