using System.Buffers.Binary;
using System.Security.Cryptography;
using SdnController.Classification.Detection;
using static SdnController.Testing.TestFrames;

namespace SdnController.Classification.Tests;

/// <summary>IETF QUIC Initial decryption: RFC 9001's key derivation example, and SNI/ALPN read from Initials built here.</summary>
public class QuicInitialTests
{
    // RFC 9001 Appendix A.1: the client's Initial keys for destination connection ID 0x8394c8f03e515708.
    private static readonly byte[] Dcid = Convert.FromHexString("8394c8f03e515708");
    private static readonly byte[] Key = Convert.FromHexString("1f369613dd76d5467730efcbe3b1a22d");
    private static readonly byte[] Iv = Convert.FromHexString("fa044b2f42a3fd3b46fb255c");
    private static readonly byte[] Hp = Convert.FromHexString("9f50449e04a0e810283a1e9933adedd2");

    [Test]
    public void KeysMatchRfc9001()
    {
        var (key, iv, hp) = QuicInitial.ClientKeys(QuicInitial.Version1, Dcid);
        Assert.That(Convert.ToHexString(key), Is.EqualTo(Convert.ToHexString(Key)));
        Assert.That(Convert.ToHexString(iv), Is.EqualTo(Convert.ToHexString(Iv)));
        Assert.That(Convert.ToHexString(hp), Is.EqualTo(Convert.ToHexString(Hp)));
    }

    [Test]
    public void SniAndAlpnFromOneInitial()
    {
        var hello = ProtocolDetectionTests.ClientHello("www.youtube.com", "h3")[5..]; // the handshake message, no TLS record header
        var initial = Initial(packetNumber: 0, Crypto(0, hello));
        var flow = Frames.Single(UdpFrame("10.0.0.1", 50000, "10.0.0.2", 443, initial));
        Assert.That((flow.Protocol, flow.Host, flow.Alpn, flow.App), Is.EqualTo((AppProtocol.QUIC, "www.youtube.com", "h3", "youtube")));
    }

    [Test]
    public void ClientHelloSplitAndReorderedOverTwoInitials()
    {
        var hello = ProtocolDetectionTests.ClientHello("maps.google.com", "h3")[5..];
        var half = hello.Length / 2;
        // The second half comes first, in the first packet, as browsers' "chaos protection" does.
        var first = Initial(packetNumber: 0, Crypto((ulong)half, hello[half..]));
        var second = Initial(packetNumber: 1, Crypto(0, hello[..half]));
        var flow = Frames.Single(UdpFrame("10.0.0.1", 50000, "10.0.0.2", 443, first), UdpFrame("10.0.0.1", 50000, "10.0.0.2", 443, second));
        Assert.That((flow.Protocol, flow.Host), Is.EqualTo((AppProtocol.QUIC, "maps.google.com")));
    }

    [Test]
    public void TamperedInitialIsStillQuicButWithoutAName()
    {
        var initial = Initial(packetNumber: 0, Crypto(0, ProtocolDetectionTests.ClientHello("example.org")[5..]));
        initial[^20] ^= 0xFF; // breaks the AEAD tag check
        var flow = Frames.Single(UdpFrame("10.0.0.1", 50000, "10.0.0.2", 443, initial));
        Assert.That((flow.Protocol, flow.Host), Is.EqualTo((AppProtocol.QUIC, (string?)null)));
    }

    private static byte[] Crypto(ulong offset, byte[] data) =>
        [0x06, .. VarInt(offset), .. VarInt((ulong)data.Length), .. data];

    private static byte[] VarInt(ulong v) => v < 64 ? [(byte)v] : [(byte)(0x40 | (v >> 8)), (byte)v];

    /// <summary>A client Initial (version 1, 4-byte packet number) sealed and header-protected with RFC 9001's keys.</summary>
    private static byte[] Initial(uint packetNumber, byte[] frames)
    {
        var plain = frames.Concat(new byte[Math.Max(0, 1100 - frames.Length)]).ToArray(); // PADDING frames
        var length = 4 + plain.Length + 16;
        byte[] header = [0xC3, 0, 0, 0, 1, (byte)Dcid.Length, .. Dcid, 0, 0, (byte)(0x40 | (length >> 8)), (byte)length, .. U32(packetNumber)];
        var pnOffset = header.Length - 4;
        var nonce = (byte[])Iv.Clone();
        for (var i = 0; i < 8; i++) nonce[11 - i] ^= (byte)((ulong)packetNumber >> (8 * i));
        var sealedPayload = new byte[plain.Length];
        var tag = new byte[16];
        using (var gcm = new AesGcm(Key, 16)) gcm.Encrypt(nonce, plain, sealedPayload, tag, header);
        byte[] packet = [.. header, .. sealedPayload, .. tag];
        var mask = new byte[16];
        using (var aes = Aes.Create())
        {
            aes.Key = Hp;
            aes.EncryptEcb(packet.AsSpan(pnOffset + 4, 16), mask, PaddingMode.None);
        }
        packet[0] ^= (byte)(mask[0] & 0x0F);
        for (var i = 0; i < 4; i++) packet[pnOffset + i] ^= mask[1 + i];
        return packet;
    }
}
