namespace SdnController.Southbound.Matching;

/// <summary>An IPv4 prefix; the address is host-order (a.b.c.d = a&lt;&lt;24 | ...), bits beyond Length are zero.</summary>
public readonly record struct Ipv4Prefix
{
    public Ipv4Prefix(uint address, int length)
    {
        if (length is < 0 or > 32) throw new ArgumentOutOfRangeException(nameof(length));
        Length = (byte)length;
        Address = address & MaskOf(length);
    }

    /// <summary>An already masked prefix (a packed <see cref="Match"/> field read back): no checks, no masking.</summary>
    internal Ipv4Prefix(uint maskedAddress, byte length, bool _)
    {
        Address = maskedAddress;
        Length = length;
    }

    public uint Address { get; }
    public byte Length { get; }
    public uint Mask => MaskOf(Length);

    public static uint MaskOf(int length) => length == 0 ? 0u : uint.MaxValue << (32 - length);
    public bool Contains(uint address) => (address & Mask) == Address;
    public static Ipv4Prefix Host(uint address) => new(address, 32);

    public override string ToString() =>
        $"{Address >> 24}.{(Address >> 16) & 255}.{(Address >> 8) & 255}.{Address & 255}/{Length}";
}
