using System.Buffers.Binary;
using System.Text;
using SdnController.Controller.Protocols;
using SdnController.Southbound.Matching;

namespace SdnController.Controller.Tests.Protocols;

public sealed class LldpFrameTests
{
    [TestCase(1UL, 1)]
    [TestCase(0x00000000_0000002AUL, 7)]
    [TestCase(0xFEDCBA98_76543210UL, int.MaxValue)]
    public void Build_then_parse_gives_back_dpid_port_and_ttl(ulong dpid, int port)
    {
        var frame = LldpFrame.Build(dpid, port, MacAddress.Parse("02:00:00:00:01:02"), 3);
        Assert.That(LldpFrame.TryParse(frame, out var probe), Is.True);
        Assert.That(probe, Is.EqualTo(new LldpProbe(dpid, port, 3)));
    }

    [Test]
    public void Frame_has_the_lldp_layout()
    {
        var src = MacAddress.Parse("02:aa:bb:cc:dd:ee");
        var frame = LldpFrame.Build(0x2A, 5, src, 120);

        Assert.That(frame, Has.Length.EqualTo(60));
        Assert.That(MacAddress.FromBytes(frame.AsSpan(0, 6)).ToString(), Is.EqualTo("01:80:c2:00:00:0e"));
        Assert.That(MacAddress.FromBytes(frame.AsSpan(6, 6)), Is.EqualTo(src));
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)), Is.EqualTo(0x88cc));
        // Chassis id TLV: type 1, length 22, subtype 7, "dpid:000000000000002a".
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(14)), Is.EqualTo((1 << 9) | 22));
        Assert.That(frame[16], Is.EqualTo(7));
        Assert.That(Encoding.ASCII.GetString(frame, 17, 21), Is.EqualTo("dpid:000000000000002a"));
        // Port id TLV: type 2, length 5, subtype 2, port 5 big-endian.
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(38)), Is.EqualTo((2 << 9) | 5));
        Assert.That(frame[40], Is.EqualTo(2));
        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(41)), Is.EqualTo(5u));
        // TTL TLV, then End.
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(45)), Is.EqualTo((3 << 9) | 2));
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(47)), Is.EqualTo(120));
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(49)), Is.EqualTo(0));
    }

    [Test]
    public void Other_frames_do_not_parse()
    {
        var good = LldpFrame.Build(9, 1, default, 1);

        var arp = ArpFrame.BuildRequest(MacAddress.Parse("02:00:00:00:00:01"), 0x0A000001, 0x0A000002);
        Assert.That(LldpFrame.TryParse(arp, out _), Is.False, "ARP");

        Assert.That(LldpFrame.TryParse(good.AsSpan(0, 30), out _), Is.False, "truncated inside the chassis TLV");

        var foreignChassis = (byte[])good.Clone();
        foreignChassis[16] = 4;   // MAC-address subtype: somebody else's LLDP
        Assert.That(LldpFrame.TryParse(foreignChassis, out _), Is.False, "foreign chassis id");

        var badHex = (byte[])good.Clone();
        badHex[30] = (byte)'g';
        Assert.That(LldpFrame.TryParse(badHex, out _), Is.False, "not hex");
    }
}
