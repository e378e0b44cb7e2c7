using PacketDotNet;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.VirtualNetwork.Headers;
using SdnController.VirtualNetwork.Switching;
using static SdnController.VirtualNetwork.Tests.Headers.TestFrames;
using static SdnController.VirtualNetwork.Tests.Switching.SwitchFixture;

namespace SdnController.VirtualNetwork.Tests.Switching;

public class ActionTests
{
    [Test]
    public void OutputSendsTheSamePacketWithoutCopying()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, Out(2));
        var packet = f.Receive(Tcp(), 1);
        Assert.That(f.Output.Transmitted, Has.Count.EqualTo(1));
        Assert.That(f.Output.Transmitted[0].Port, Is.EqualTo(2));
        Assert.That(f.Output.Transmitted[0].Packet, Is.SameAs(packet));
        Assert.That(packet.Hops.ToArray(), Is.EqualTo(new[] { 3 }), "the switch index is recorded");
        Assert.That(f.Output.Drops, Is.Empty);
    }

    [Test]
    public void SeveralOutputsCopyAllButTheLast()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, Out(2), Out(3), Out(4));
        var packet = f.Receive(Tcp(), 1);
        Assert.That(f.Output.Ports, Is.EqualTo(new[] { 2, 3, 4 }));
        var sent = f.Output.Transmitted.Select(t => t.Packet).ToList();
        Assert.That(sent[2], Is.SameAs(packet));
        Assert.That(sent[0], Is.Not.SameAs(packet));
        Assert.That(sent[1], Is.Not.SameAs(sent[0]));
        Assert.That(sent[0].Frame, Is.Not.SameAs(packet.Frame));
        Assert.That(sent.Select(p => p.Id), Is.All.EqualTo(packet.Id));
        Assert.That(sent[0].Frame, Is.EqualTo(packet.Frame));
    }

    [Test]
    public void RewriteBetweenOutputsDoesNotTouchWhatWasAlreadySent()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, Out(2), new SetFieldAction(SetField.Ipv4Dst, Ip4("10.9.9.9")), Out(3));
        f.Receive(Tcp(dstIp: "10.0.0.2"), 1);
        var first = Decode(f.Output.Transmitted[0].Packet.Frame).Extract<IPv4Packet>();
        var second = Decode(f.Output.Transmitted[1].Packet.Frame).Extract<IPv4Packet>();
        Assert.That(first.DestinationAddress.ToString(), Is.EqualTo("10.0.0.2"));
        Assert.That(second.DestinationAddress.ToString(), Is.EqualTo("10.9.9.9"));
    }

    [Test]
    public void OutputToTheIngressPortIsDroppedButInPortSendsBack()
    {
        var f = new SwitchFixture();
        f.Install(10, new Match { InPort = 1 }, Out(1));
        f.Install(10, new Match { InPort = 2 }, Out(PortNumbers.InPort));
        var p1 = f.Receive(Tcp(), 1);
        Assert.That(f.Output.Transmitted, Is.Empty);
        Assert.That(f.Output.Drops, Is.EqualTo(new[] { (p1, DropReason.DropAction) }));
        f.Receive(Tcp(), 2);
        Assert.That(f.Output.Ports, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void OutputToADownPortDrops()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, Out(2));
        f.Switch.SetPortLive(2, false, notifyController: false, f.Output);
        var packet = f.Receive(Tcp(), 1);
        Assert.That(f.Output.Drops, Is.EqualTo(new[] { (packet, DropReason.PortDown) }));
        f.Send(new PortStatsRequest(1));
        var stats = f.Output.Single<PortStatsReply>().Ports.Single(p => p.PortNo == 2);
        Assert.That((stats.TxPackets, stats.TxDropped), Is.EqualTo((0UL, 1UL)));
    }

    [Test]
    public void OneLiveOutputIsEnoughNoDropIsReported()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, Out(2), Out(3));
        f.Switch.SetPortLive(2, false, notifyController: false, f.Output);
        f.Receive(Tcp(), 1);
        Assert.That(f.Output.Ports, Is.EqualTo(new[] { 3 }));
        Assert.That(f.Output.Drops, Is.Empty);
    }

    [Test]
    public void DropActionAndEmptyListDrop()
    {
        var f = new SwitchFixture();
        f.Install(10, new Match { L4Dst = 80 }, DropAction.Instance, Out(2));
        f.Install(10, new Match { L4Dst = 81 });
        var a = f.Receive(Tcp(dstPort: 80), 1);
        var b = f.Receive(Tcp(dstPort: 81), 1);
        Assert.That(f.Output.Transmitted, Is.Empty, "drop ends the action list");
        Assert.That(f.Output.Drops, Is.EqualTo(new[] { (a, DropReason.DropAction), (b, DropReason.DropAction) }));
    }

    [Test]
    public void TableMissDropsWithoutPacketIn()
    {
        var f = new SwitchFixture();
        var packet = f.Receive(Tcp(), 1);
        Assert.That(f.Output.Drops, Is.EqualTo(new[] { (packet, DropReason.NoMatchingRule) }));
        Assert.That(f.Output.Messages, Is.Empty);
    }

    [Test]
    public void ToControllerSendsPacketInWithFramePortAndCookie()
    {
        var f = new SwitchFixture();
        f.Install(new(10, new Match { EthType = EtherTypes.Arp }, [ToControllerAction.Instance]) { Cookie = 0xC0FFEE });
        var frame = Arp();
        var packet = f.Receive((byte[])frame.Clone(), 3);
        var pin = f.Output.Single<PacketIn>();
        Assert.Multiple(() =>
        {
            Assert.That(pin.InPort, Is.EqualTo(3));
            Assert.That(pin.Reason, Is.EqualTo(PacketInReason.Action));
            Assert.That(pin.Cookie, Is.EqualTo(0xC0FFEEUL));
            Assert.That(pin.Frame.ToArray(), Is.EqualTo(frame));
            Assert.That(f.Output.Drops, Is.Empty, "a packet taken by the controller is not a drop");
        });
        packet.Frame[0] ^= 0xFF;
        Assert.That(pin.Frame.ToArray(), Is.EqualTo(frame), "packet-in holds its own bytes");
    }

    [Test]
    public void PushSetAndPopVlan()
    {
        var f = new SwitchFixture();
        f.Install(10, new Match { InPort = 1 }, new PushVlanAction(100), Out(2));
        f.Install(10, new Match { InPort = 2, Vlan = VlanMatch.Id(100) }, new SetFieldAction(SetField.VlanId, 200), Out(3));
        f.Install(10, new Match { InPort = 3, Vlan = VlanMatch.Id(200) }, new PopVlanAction(), Out(4));
        var original = Tcp();

        f.Receive(original, 1);
        var tagged = f.Output.Transmitted[0].Packet.Frame;
        var dot1q = Decode(tagged).Extract<Ieee8021QPacket>();
        Assert.That(dot1q.VlanIdentifier, Is.EqualTo(100));
        Assert.That(dot1q.Type, Is.EqualTo(EthernetType.IPv4));
        Assert.That(tagged.Length, Is.EqualTo(original.Length + 4));

        f.Receive(tagged, 2);
        var retagged = f.Output.Transmitted[1].Packet.Frame;
        Assert.That(Decode(retagged).Extract<Ieee8021QPacket>().VlanIdentifier, Is.EqualTo(200));

        f.Receive(retagged, 3);
        Assert.That(f.Output.Transmitted[2].Packet.Frame, Is.EqualTo(original));
    }

    [Test]
    public void SetVlanKeepsPriorityBitsAndPopOnUntaggedIsANoOp()
    {
        var f = new SwitchFixture();
        f.Install(10, new Match { InPort = 1 }, new SetFieldAction(SetField.VlanId, 7), Out(2));
        f.Install(10, new Match { InPort = 2 }, new PopVlanAction(), new SetFieldAction(SetField.VlanId, 7), Out(3));
        f.Receive(WithTag(Udp(), 5, pcp: 6), 1);
        PacketHeaders.TryParse(f.Output.Transmitted[0].Packet.Frame, out var h);
        Assert.That(h.VlanId, Is.EqualTo(7));
        Assert.That(f.Output.Transmitted[0].Packet.Frame[14] >> 5, Is.EqualTo(6));
        var untagged = Udp();
        f.Receive(untagged, 2);
        Assert.That(f.Output.Transmitted[1].Packet.Frame, Is.EqualTo(Udp()));
    }

    [Test]
    public void PushVlanOnQinQMakesANewOuterTag()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, new PushVlanAction(30), Out(2));
        f.Receive(WithTag(Tcp(), 10), 1);
        PacketHeaders.TryParse(f.Output.Transmitted[0].Packet.Frame, out var h);
        Assert.That((h.VlanId, h.VlanTags, h.IsIpv4), Is.EqualTo(((ushort)30, 2, true)));
    }

    [Test]
    public void SetEthernetAddresses()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, new SetFieldAction(SetField.EthSrc, 0x0A0B0C0D0E0FUL), new SetFieldAction(SetField.EthDst, 0x112233445566UL), Out(2));
        f.Receive(Tcp(), 1);
        var eth = Decode(f.Output.Transmitted[0].Packet.Frame);
        Assert.That(eth.SourceHardwareAddress.ToString(), Is.EqualTo("0A0B0C0D0E0F"));
        Assert.That(eth.DestinationHardwareAddress.ToString(), Is.EqualTo("112233445566"));
    }

    [TestCase(SetField.Ipv4Src, "10.7.7.7")]
    [TestCase(SetField.Ipv4Dst, "192.0.2.99")]
    [TestCase(SetField.Ipv4Dst, "10.0.255.254")]
    public void SetIpv4AddressKeepsIpAndTcpUdpChecksumsValid(SetField field, string address)
    {
        foreach (var frame in new[] { Tcp(), Udp(), WithTag(Tcp(payload: 33), 12) })
        {
            var f = new SwitchFixture();
            f.Install(10, Match.Any, new SetFieldAction(field, Ip4(address)), Out(2));
            f.Receive(frame, 1);
            var eth = Decode(f.Output.Transmitted[0].Packet.Frame);
            var ip = eth.Extract<IPv4Packet>();
            Assert.That((field == SetField.Ipv4Src ? ip.SourceAddress : ip.DestinationAddress).ToString(), Is.EqualTo(address));
            Assert.That(ip.ValidIPChecksum, Is.True, "IPv4 header checksum");
            if (eth.Extract<TcpPacket>() is { } tcp) Assert.That(tcp.ValidTcpChecksum, Is.True, "TCP checksum");
            if (eth.Extract<UdpPacket>() is { } udp) Assert.That(udp.ValidUdpChecksum, Is.True, "UDP checksum");
        }
    }

    [Test]
    public void SetPortsKeepsChecksumsValidForIpv4AndIpv6()
    {
        foreach (var frame in new[] { Tcp(), Udp(), Ipv6Tcp(), Ipv6Udp() })
        {
            var f = new SwitchFixture();
            f.Install(10, Match.Any, new SetFieldAction(SetField.L4Src, 40000), new SetFieldAction(SetField.L4Dst, 8080), Out(2));
            f.Receive(frame, 1);
            var eth = Decode(f.Output.Transmitted[0].Packet.Frame);
            if (eth.Extract<TcpPacket>() is { } tcp)
            {
                Assert.That((tcp.SourcePort, tcp.DestinationPort), Is.EqualTo(((ushort)40000, (ushort)8080)));
                Assert.That(tcp.ValidTcpChecksum, Is.True);
            }
            else
            {
                var udp = eth.Extract<UdpPacket>();
                Assert.That((udp.SourcePort, udp.DestinationPort), Is.EqualTo(((ushort)40000, (ushort)8080)));
                Assert.That(udp.ValidUdpChecksum, Is.True);
            }
        }
    }

    [Test]
    public void UdpWithoutChecksumStaysWithout()
    {
        var frame = Udp();
        frame[14 + 20 + 6] = 0;
        frame[14 + 20 + 7] = 0;
        var f = new SwitchFixture();
        f.Install(10, Match.Any, new SetFieldAction(SetField.Ipv4Dst, Ip4("10.5.5.5")), new SetFieldAction(SetField.L4Dst, 9), Out(2));
        f.Receive(frame, 1);
        var sent = f.Output.Transmitted[0].Packet.Frame;
        Assert.That((sent[40], sent[41]), Is.EqualTo(((byte)0, (byte)0)));
        Assert.That(Decode(sent).Extract<IPv4Packet>().ValidIPChecksum, Is.True);
    }

    [Test]
    public void SetDscpKeepsEcnAndChecksum()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, new SetFieldAction(SetField.IpDscp, 46), Out(2));
        f.Receive(Tcp(tos: 0x03), 1);
        var ip = Decode(f.Output.Transmitted[0].Packet.Frame).Extract<IPv4Packet>();
        Assert.That(ip.TypeOfService, Is.EqualTo((46 << 2) | 0x03));
        Assert.That(ip.ValidIPChecksum, Is.True);

        f.Receive(Ipv6Udp(), 1);
        var ip6 = Decode(f.Output.Transmitted[1].Packet.Frame).Extract<IPv6Packet>();
        Assert.That(ip6.TrafficClass >> 2, Is.EqualTo(46));
        Assert.That(ip6.Version, Is.EqualTo(IPVersion.IPv6));
    }

    [Test]
    public void RewritesOfAbsentFieldsAreNoOps()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, new SetFieldAction(SetField.Ipv4Dst, 1), new SetFieldAction(SetField.L4Dst, 1), Out(2));
        var arp = Arp();
        f.Receive(arp, 1);
        Assert.That(f.Output.Transmitted[0].Packet.Frame, Is.EqualTo(arp));
        var icmp = Icmp();
        f.Receive(icmp, 1);
        var ip = Decode(f.Output.Transmitted[1].Packet.Frame).Extract<IPv4Packet>();
        Assert.That(ip.DestinationAddress.ToString(), Is.EqualTo("0.0.0.1"));
        Assert.That(ip.ValidIPChecksum, Is.True);
    }

    [Test]
    public void TruncatedTcpStillRewritesWithoutThrowing()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, new SetFieldAction(SetField.Ipv4Src, Ip4("1.2.3.4")), new SetFieldAction(SetField.L4Src, 7), Out(2));
        var frame = Tcp()[..(14 + 20 + 10)]; // ports present, checksum cut off
        f.Receive(frame, 1);
        PacketHeaders.TryParse(f.Output.Transmitted[0].Packet.Frame, out var h);
        Assert.That((h.Ipv4Src, h.L4Src), Is.EqualTo((Ip4("1.2.3.4"), (ushort)7)));
    }

    [Test]
    public void MalformedFrameIsDropped()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, Out(2));
        var packet = f.Receive(new byte[] { 1, 2, 3 }, 1);
        Assert.That(f.Output.Drops, Is.EqualTo(new[] { (packet, DropReason.Malformed) }));
    }

    [Test]
    public void HopLimitDropsLoopingPackets()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, Out(2));
        var packet = new Packets.Packet(1, Tcp(), TimeSpan.Zero);
        for (var i = 0; i < Packets.Packet.HopLimit - 1; i++) packet.RecordHop(0);
        f.Switch.Receive(packet, 1, TimeSpan.Zero, f.Output);
        Assert.That(f.Output.Transmitted, Has.Count.EqualTo(1), "the 64th hop is allowed");
        f.Switch.Receive(packet, 1, TimeSpan.Zero, f.Output);
        Assert.That(f.Output.Drops, Is.EqualTo(new[] { (packet, DropReason.HopLimit) }));
    }

    [Test]
    public void ArrivalOnADownPortIsDropped()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, Out(2));
        f.Switch.SetPortLive(1, false, false, f.Output);
        var packet = f.Receive(Tcp(), 1);
        Assert.That(f.Output.Drops, Is.EqualTo(new[] { (packet, DropReason.PortDown) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Receive(Tcp(), 99));
    }

    [Test]
    public void RandomFramesThroughRewritingRulesNeverThrow()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, new PopVlanAction(), new SetFieldAction(SetField.Ipv4Src, 5), new SetFieldAction(SetField.L4Dst, 5),
            new SetFieldAction(SetField.IpDscp, 5), new PushVlanAction(3), new SetFieldAction(SetField.VlanId, 4), Out(2), Out(3));
        var random = new Random(7);
        var templates = new[] { Tcp(), Udp(), Ipv6Tcp(), WithTag(Udp(), 3), Icmp() };
        for (var i = 0; i < 5000; i++)
        {
            var frame = (byte[])templates[random.Next(templates.Length)].Clone();
            for (var k = random.Next(0, 5); k > 0; k--) frame[random.Next(frame.Length)] = (byte)random.Next(256);
            f.Receive(frame[..random.Next(0, frame.Length + 1)], 1);
        }
        Assert.That(f.Output.Transmitted.Count + f.Output.Drops.Count, Is.GreaterThanOrEqualTo(5000));
    }

    [Test]
    public void OutputCallbacksMayReenterTheSwitch()
    {
        // A fabric with a zero-delay hairpin, or a controller answering a packet-in inline, calls back in mid-packet.
        var f = new SwitchFixture();
        f.Install(10, new Match { InPort = 1 }, Out(2), ToControllerAction.Instance, Out(3));
        f.Install(10, new Match { InPort = 2 }, Out(4));
        var output = new ReentrantOutput(f);
        f.Switch.Receive(new Packets.Packet(1, Tcp(), TimeSpan.Zero), 1, TimeSpan.Zero, output);
        Assert.That(output.Log, Is.EqualTo(new[] { "tx 2", "tx 4", "packet-in", "tx 4", "tx 3" }));
    }

    private sealed class ReentrantOutput(SwitchFixture f) : ISwitchOutput
    {
        public List<string> Log { get; } = new();

        public void Transmit(int port, Packets.Packet packet)
        {
            Log.Add($"tx {port}");
            if (port == 2) f.Switch.Receive(packet.Copy(), 2, TimeSpan.Zero, this);
        }

        public void ToController(SwitchMessage message)
        {
            Log.Add("packet-in");
            var pin = (PacketIn)message;
            f.Switch.Handle(new PacketOut(9, pin.Frame, 2, [Out(4)]), TimeSpan.Zero, this);
        }

        public void Dropped(Packets.Packet packet, DropReason reason) => Log.Add($"drop {reason}");
    }
}
