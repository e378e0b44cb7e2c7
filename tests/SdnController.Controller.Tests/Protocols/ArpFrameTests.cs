using System.Buffers.Binary;
using SdnController.Controller.Protocols;
using SdnController.Southbound.Matching;

namespace SdnController.Controller.Tests.Protocols;

public sealed class ArpFrameTests
{
    private static readonly MacAddress Asker = MacAddress.Parse("02:00:00:00:00:01");
    private static readonly MacAddress Owner = MacAddress.Parse("02:00:00:00:00:02");

    [Test]
    public void Reply_bytes_follow_rfc_826()
    {
        var frame = ArpFrame.BuildReply(Owner, 0x0A000002, Asker, 0x0A000001);

        Assert.That(frame, Has.Length.EqualTo(60));
        Assert.That(MacAddress.FromBytes(frame.AsSpan(0, 6)), Is.EqualTo(Asker), "eth dst");
        Assert.That(MacAddress.FromBytes(frame.AsSpan(6, 6)), Is.EqualTo(Owner), "eth src");
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)), Is.EqualTo(0x0806));
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(14)), Is.EqualTo(1), "htype ethernet");
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(16)), Is.EqualTo(0x0800), "ptype ipv4");
        Assert.That(frame[18], Is.EqualTo(6));
        Assert.That(frame[19], Is.EqualTo(4));
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(20)), Is.EqualTo(2), "reply");
        Assert.That(MacAddress.FromBytes(frame.AsSpan(22, 6)), Is.EqualTo(Owner), "sha");
        Assert.That(frame.AsSpan(28, 4).ToArray(), Is.EqualTo(new byte[] { 10, 0, 0, 2 }), "spa");
        Assert.That(MacAddress.FromBytes(frame.AsSpan(32, 6)), Is.EqualTo(Asker), "tha");
        Assert.That(frame.AsSpan(38, 4).ToArray(), Is.EqualTo(new byte[] { 10, 0, 0, 1 }), "tpa");
    }

    [Test]
    public void Request_round_trips()
    {
        var frame = ArpFrame.BuildRequest(Asker, 0x0A000001, 0x0A000003);
        Assert.That(ArpFrame.TryParse(frame, out var arp), Is.True);
        Assert.That(arp, Is.EqualTo(new ArpPacket(ArpPacket.Request, Asker, 0x0A000001, default, 0x0A000003)));
        Assert.That(MacAddress.FromBytes(frame.AsSpan(0, 6)), Is.EqualTo(MacAddress.Broadcast));
    }

    [Test]
    public void Non_arp_and_short_frames_do_not_parse()
    {
        var frame = ArpFrame.BuildRequest(Asker, 1, 2);
        Assert.That(ArpFrame.TryParse(frame.AsSpan(0, 41), out _), Is.False, "truncated");
        var ipv6Ptype = (byte[])frame.Clone();
        ipv6Ptype[16] = 0x86; ipv6Ptype[17] = 0xdd;
        Assert.That(ArpFrame.TryParse(ipv6Ptype, out _), Is.False, "not IPv4 over Ethernet");
        Assert.That(ArpFrame.TryParse(LldpFrame.Build(1, 1, Asker, 1), out _), Is.False, "LLDP");
    }
}
