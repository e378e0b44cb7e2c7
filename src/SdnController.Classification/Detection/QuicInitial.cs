using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SdnController.Classification.Detection;

/// <summary>
/// Reads the TLS ClientHello inside an IETF QUIC client Initial packet. Initial packets are encrypted, but with keys
/// derived from the client's destination connection ID and a published salt (RFC 9001 §5.2), so any observer can
/// remove header protection, decrypt, and collect the CRYPTO frames. Used only on a QUIC flow's first client packets.
/// </summary>
internal static class QuicInitial
{
    public const uint Version1 = 0x00000001, Version2 = 0x6b3343cf, Draft29 = 0xff00001d;

    private static readonly byte[] SaltV1 = Convert.FromHexString("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    private static readonly byte[] SaltV2 = Convert.FromHexString("0dede3def700a6db819381be6e269dcbf9bd2ed9");
    private static readonly byte[] SaltDraft29 = Convert.FromHexString("afbfec289993d24c9e9786f19c6111e04390a899");

    /// <summary>The client's Initial keys (AEAD key, IV, header-protection key) for a destination connection ID.</summary>
    public static (byte[] Key, byte[] Iv, byte[] Hp) ClientKeys(uint version, ReadOnlySpan<byte> destinationConnectionId)
    {
        var salt = version switch { Version2 => SaltV2, Draft29 => SaltDraft29, _ => SaltV1 };
        var prefix = version == Version2 ? "quicv2 " : "quic ";
        var initial = HKDF.Extract(HashAlgorithmName.SHA256, destinationConnectionId.ToArray(), salt);
        var client = ExpandLabel(initial, "client in", 32);
        return (ExpandLabel(client, prefix + "key", 16), ExpandLabel(client, prefix + "iv", 12), ExpandLabel(client, prefix + "hp", 16));
    }

    /// <summary>TLS 1.3's HKDF-Expand-Label with an empty context.</summary>
    public static byte[] ExpandLabel(byte[] secret, string label, int length)
    {
        var full = "tls13 " + label;
        var info = new byte[2 + 1 + full.Length + 1];
        BinaryPrimitives.WriteUInt16BigEndian(info, (ushort)length);
        info[2] = (byte)full.Length;
        for (var i = 0; i < full.Length; i++) info[3 + i] = (byte)full[i];
        return HKDF.Expand(HashAlgorithmName.SHA256, secret, length, info);
    }

    public static bool IsDecryptable(uint version) => version is Version1 or Version2 or Draft29;

    /// <summary>
    /// Decrypts a client Initial packet and copies its CRYPTO frame data into <paramref name="hello"/> at their
    /// offsets. False when the packet is not an Initial of a supported version or does not decrypt.
    /// </summary>
    public static bool TryCollectCrypto(ReadOnlySpan<byte> p, CryptoStream hello)
    {
        if (p.Length < 7 || (p[0] & 0xC0) != 0xC0) return false;
        var version = Bytes.U32(p, 1);
        if (!IsDecryptable(version)) return false;
        var type = (p[0] >> 4) & 3;
        if (type != (version == Version2 ? 1 : 0)) return false;
        var o = 5;
        var dcidLength = p[o++];
        if (dcidLength > 20 || o + dcidLength >= p.Length) return false;
        var dcid = p.Slice(o, dcidLength);
        o += dcidLength;
        var scidLength = p[o++];
        if (scidLength > 20) return false;
        o += scidLength;
        if (!VarInt(p, ref o, out var tokenLength) || tokenLength > (ulong)p.Length) return false;
        o += (int)tokenLength;
        if (!VarInt(p, ref o, out var length)) return false;
        var pnOffset = o;
        if (length < 20 || (ulong)pnOffset + length > (ulong)p.Length) return false;

        var (key, iv, hp) = ClientKeys(version, dcid);
        Span<byte> mask = stackalloc byte[16];
        using (var aes = Aes.Create())
        {
            aes.Key = hp;
            aes.EncryptEcb(p.Slice(pnOffset + 4, 16), mask, PaddingMode.None);
        }
        var first = (byte)(p[0] ^ (mask[0] & 0x0F));
        var pnLength = (first & 3) + 1;
        var header = p[..(pnOffset + pnLength)].ToArray();
        header[0] = first;
        ulong packetNumber = 0;
        for (var i = 0; i < pnLength; i++)
        {
            header[pnOffset + i] ^= mask[1 + i];
            packetNumber = packetNumber << 8 | header[pnOffset + i];
        }
        var nonce = iv;
        for (var i = 0; i < 8; i++) nonce[11 - i] ^= (byte)(packetNumber >> (8 * i));
        var sealedLength = (int)length - pnLength;
        if (sealedLength <= 16) return false;
        var sealedPayload = p.Slice(pnOffset + pnLength, sealedLength);
        var plain = new byte[sealedLength - 16];
        try
        {
            using var gcm = new AesGcm(key, 16);
            gcm.Decrypt(nonce, sealedPayload[..^16], sealedPayload[^16..], plain, header);
        }
        catch (CryptographicException)
        {
            return false; // not an Initial of this connection (or not QUIC at all): authentication failed
        }
        return ReadFrames(plain, hello);
    }

    /// <summary>The frames a client Initial may carry: PADDING, PING, ACK, CRYPTO, CONNECTION_CLOSE.</summary>
    private static bool ReadFrames(ReadOnlySpan<byte> f, CryptoStream hello)
    {
        var o = 0;
        var any = false;
        while (o < f.Length)
        {
            if (!VarInt(f, ref o, out var type)) return any;
            switch (type)
            {
                case 0x00:
                case 0x01:
                    break;
                case 0x02:
                case 0x03:
                    if (!VarInt(f, ref o, out _) || !VarInt(f, ref o, out _) || !VarInt(f, ref o, out var ranges) || !VarInt(f, ref o, out _)) return any;
                    for (ulong r = 0; r < ranges && r < 256; r++)
                        if (!VarInt(f, ref o, out _) || !VarInt(f, ref o, out _)) return any;
                    if (type == 0x03 && (!VarInt(f, ref o, out _) || !VarInt(f, ref o, out _) || !VarInt(f, ref o, out _))) return any;
                    break;
                case 0x06:
                    if (!VarInt(f, ref o, out var offset) || !VarInt(f, ref o, out var length) || (ulong)o + length > (ulong)f.Length) return any;
                    hello.Write(offset, f.Slice(o, (int)length));
                    o += (int)length;
                    any = true;
                    break;
                default:
                    return any; // CONNECTION_CLOSE or something unexpected: nothing more to learn
            }
        }
        return any;
    }

    /// <summary>A QUIC variable-length integer (RFC 9000 §16).</summary>
    private static bool VarInt(ReadOnlySpan<byte> b, ref int o, out ulong value)
    {
        value = 0;
        if (o >= b.Length) return false;
        var length = 1 << (b[o] >> 6);
        if (o + length > b.Length) return false;
        value = (ulong)(b[o] & 0x3F);
        for (var i = 1; i < length; i++) value = value << 8 | b[o + i];
        o += length;
        return true;
    }
}

/// <summary>
/// The start of a QUIC connection's CRYPTO stream, reassembled from frames that may arrive split, reordered and
/// spread over several Initial packets (browsers do all three). Only the first <see cref="Capacity"/> bytes are kept:
/// enough for a ClientHello's SNI and ALPN.
/// </summary>
internal sealed class CryptoStream
{
    public const int Capacity = 4096;
    private readonly byte[] _data = new byte[Capacity];
    private readonly bool[] _have = new bool[Capacity];

    public void Write(ulong offset, ReadOnlySpan<byte> data)
    {
        if (offset >= Capacity) return;
        var n = (int)Math.Min((ulong)data.Length, Capacity - offset);
        data[..n].CopyTo(_data.AsSpan((int)offset));
        _have.AsSpan((int)offset, n).Fill(true);
    }

    /// <summary>The bytes received without a gap from offset 0.</summary>
    public ReadOnlySpan<byte> Contiguous()
    {
        var end = Array.IndexOf(_have, false);
        return _data.AsSpan(0, end < 0 ? Capacity : end);
    }
}
