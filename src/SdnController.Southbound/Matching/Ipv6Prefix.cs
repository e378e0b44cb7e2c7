namespace SdnController.Southbound.Matching;

/// <summary>An IPv6 prefix; the address is the 16 bytes read big-endian into a UInt128, bits beyond Length are zero.</summary>
public readonly record struct Ipv6Prefix
{
    public Ipv6Prefix(UInt128 address, int length)
    {
        if (length is < 0 or > 128) throw new ArgumentOutOfRangeException(nameof(length));
        Length = (byte)length;
        Address = address & MaskOf(length);
    }

    public UInt128 Address { get; }
    public byte Length { get; }
    public UInt128 Mask => MaskOf(Length);

    public static UInt128 MaskOf(int length) => length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);
    public bool Contains(UInt128 address) => (address & Mask) == Address;

    public override string ToString() =>
        $"{new System.Net.IPAddress(ToBytes(Address))}/{Length}";

    private static byte[] ToBytes(UInt128 v)
    {
        var b = new byte[16];
        for (var i = 15; i >= 0; i--) { b[i] = (byte)v; v >>= 8; }
        return b;
    }
}
