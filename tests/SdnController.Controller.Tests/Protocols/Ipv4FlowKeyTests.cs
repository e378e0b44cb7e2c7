using SdnController.Controller.Protocols;
using SdnController.Controller.Tests.Support;

namespace SdnController.Controller.Tests.Protocols;

public class Ipv4FlowKeyTests
{
    [Test]
    public void Reads_addresses_protocol_and_ports_of_udp()
    {
        Assert.That(Ipv4FlowKey.TryParse(TestFrames.Ipv4("10.0.0.1", "10.0.0.4", 17, 40000, 53), out var key), Is.True);
        Assert.That(key, Is.EqualTo(new Ipv4FlowKey(TestFrames.Ip("10.0.0.1"), TestFrames.Ip("10.0.0.4"), 17, 40000, 53)));
    }

    [Test]
    public void Icmp_and_later_fragments_have_no_ports()
    {
        Assert.That(Ipv4FlowKey.TryParse(TestFrames.Ipv4("10.0.0.1", "10.0.0.4", 1, 7, 9), out var icmp), Is.True);
        Assert.That((icmp.Protocol, icmp.SourcePort, icmp.DestinationPort), Is.EqualTo(((byte)1, (ushort)0, (ushort)0)));
        Assert.That(Ipv4FlowKey.TryParse(TestFrames.Ipv4("10.0.0.1", "10.0.0.4", 6, 7, 9, fragment: 100), out var fragment), Is.True);
        Assert.That((fragment.SourcePort, fragment.DestinationPort), Is.EqualTo(((ushort)0, (ushort)0)));
    }

    [Test]
    public void Rejects_other_ethertypes_and_truncated_frames()
    {
        var arp = TestFrames.Ipv4("10.0.0.1", "10.0.0.4", 17);
        arp[12] = 0x08; arp[13] = 0x06;
        Assert.That(Ipv4FlowKey.TryParse(arp, out _), Is.False);
        Assert.That(Ipv4FlowKey.TryParse(TestFrames.Ipv4("10.0.0.1", "10.0.0.4", 17).AsSpan(0, 30), out _), Is.False);
        var v6 = TestFrames.Ipv4("10.0.0.1", "10.0.0.4", 17);
        v6[14] = 0x65;
        Assert.That(Ipv4FlowKey.TryParse(v6, out _), Is.False);
    }
}
