using System.Globalization;

namespace SdnController.Topology.Model.Nfv;

/// <summary>
/// An IPv4 prefix in host order (a.b.c.d = a&lt;&lt;24 | …), bits beyond <see cref="Length"/> zero. Kept as
/// integers, not <see cref="System.Net.IPAddress"/>, because network functions test it per packet.
/// </summary>
public readonly record struct Ipv4Cidr
{
    public static readonly Ipv4Cidr Any = new(0, 0);

    public Ipv4Cidr(uint address, int length)
    {
        if (length is < 0 or > 32) throw new ArgumentOutOfRangeException(nameof(length));
        Length = length;
        Address = address & MaskOf(length);
    }

    public uint Address { get; }
    public int Length { get; }
    public uint Mask => MaskOf(Length);
    public bool IsAny => Length == 0;

    public static uint MaskOf(int length) => length == 0 ? 0u : uint.MaxValue << (32 - length);
    public bool Contains(uint address) => (address & Mask) == Address;

    /// <summary>Parses <c>10.0.0.0/24</c> or a bare address (a /32).</summary>
    public static bool TryParse(string text, out Ipv4Cidr cidr, out string? error)
    {
        cidr = Any;
        var t = text.Trim();
        var slash = t.IndexOf('/');
        var addressText = slash < 0 ? t : t[..slash];
        if (!TryParseAddress(addressText, out var address))
        {
            error = "expected an IPv4 address or prefix such as 10.0.0.5 or 10.0.0.0/24";
            return false;
        }
        var length = 32;
        if (slash >= 0 && (!int.TryParse(t.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > 32))
        {
            error = "expected a prefix length 0..32 after '/'";
            return false;
        }
        if ((address & ~MaskOf(length)) != 0)
        {
            error = $"host bits are set in prefix '{t}' (did you mean '{FormatAddress(address & MaskOf(length))}/{length}'?)";
            return false;
        }
        cidr = new Ipv4Cidr(address, length);
        error = null;
        return true;
    }

    /// <summary>Strict dotted quad: four decimal octets, no leading '+', no IPv6.</summary>
    public static bool TryParseAddress(string text, out uint address)
    {
        address = 0;
        var parts = text.Trim().Split('.');
        if (parts.Length != 4) return false;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var b)) return false;
            address = (address << 8) | b;
        }
        return true;
    }

    public static string FormatAddress(uint a) =>
        string.Create(CultureInfo.InvariantCulture, $"{a >> 24}.{(a >> 16) & 255}.{(a >> 8) & 255}.{a & 255}");

    public override string ToString() => Length == 32 ? FormatAddress(Address) : $"{FormatAddress(Address)}/{Length.ToString(CultureInfo.InvariantCulture)}";
}
