using System.Text;
using SdnController.Topology.Traffic;

namespace SdnController.VirtualNetwork.Traffic;

/// <summary>
/// The application bytes a flow's packets start with (<see cref="HostFlowSpec.Payload"/>), so a classifier
/// recognises the flow; the generator's sequence number and send time follow them. Real enough for detection by
/// inspection, not a conversation: every packet repeats the opening message (an RTP flow counts its sequence number).
/// </summary>
public static class PayloadBytes
{
    /// <summary>Offset of the RTP sequence number (16 bits) and timestamp (32 bits) the sender rewrites per packet.</summary>
    internal const int RtpSequence = 2, RtpTimestamp = 4;

    private static readonly byte[] SshBanner = Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.6\r\n");

    /// <summary>The prefix of every packet of flow number <paramref name="flowIndex"/> (empty for none).</summary>
    public static byte[] Of(TrafficPayload payload, int flowIndex) => payload switch
    {
        TrafficPayload.Rtp => Rtp(flowIndex),
        TrafficPayload.Dns => DnsQuery(flowIndex),
        TrafficPayload.Ssh => (byte[])SshBanner.Clone(),
        TrafficPayload.BitTorrent => BitTorrentHandshake(flowIndex),
        _ => Array.Empty<byte>(),
    };

    /// <summary>Version 2, payload type 0 (PCMU), sequence and timestamp 0 (rewritten per packet), SSRC from the flow.</summary>
    private static byte[] Rtp(int flowIndex)
    {
        var b = new byte[12];
        b[0] = 0x80;
        b[1] = 0;
        WriteU32(b, 8, 0x5D7F0000u | (uint)(flowIndex & 0xFFFF));
        return b;
    }

    /// <summary>A standard query (recursion desired) for example.org, type A, class IN.</summary>
    private static byte[] DnsQuery(int flowIndex)
    {
        var name = new byte[] { 7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 3, (byte)'o', (byte)'r', (byte)'g', 0 };
        var b = new byte[12 + name.Length + 4];
        b[0] = (byte)(flowIndex >> 8);
        b[1] = (byte)flowIndex;
        b[2] = 0x01;   // RD
        b[5] = 1;      // one question
        name.CopyTo(b, 12);
        b[12 + name.Length + 1] = 1;   // type A
        b[12 + name.Length + 3] = 1;   // class IN
        return b;
    }

    /// <summary>The 68-byte handshake: pstrlen 19, "BitTorrent protocol", 8 reserved bytes, info hash, peer id.</summary>
    private static byte[] BitTorrentHandshake(int flowIndex)
    {
        var b = new byte[68];
        b[0] = 19;
        Encoding.ASCII.GetBytes("BitTorrent protocol").CopyTo(b, 1);
        for (var i = 0; i < 20; i++) b[28 + i] = (byte)(0xA0 + i);
        Encoding.ASCII.GetBytes("-SD0001-").CopyTo(b, 48);
        WriteU32(b, 64, (uint)flowIndex);
        return b;
    }

    private static void WriteU32(byte[] b, int at, uint v)
    {
        b[at] = (byte)(v >> 24);
        b[at + 1] = (byte)(v >> 16);
        b[at + 2] = (byte)(v >> 8);
        b[at + 3] = (byte)v;
    }
}
