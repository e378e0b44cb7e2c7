using System.Buffers.Binary;

namespace SdnController.Fuzz.Frames;

/// <summary>A classic pcap file holding one frame, so a failing frame opens in tcpdump/Wireshark and replays through sdnctl classify.</summary>
public static class OnePacketPcap
{
    public static byte[] Write(FuzzFrame frame)
    {
        var b = new byte[24 + 16 + frame.Bytes.Length];
        var s = b.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], 262144);
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], (uint)frame.Link);
        BinaryPrimitives.WriteUInt32LittleEndian(s[32..], (uint)frame.Bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(s[36..], (uint)Math.Max(frame.Bytes.Length, frame.WireLength));
        frame.Bytes.CopyTo(s[40..]);
        return b;
    }
}
