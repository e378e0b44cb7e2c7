namespace SdnController.Southbound.Matching;

/// <summary>A 48-bit Ethernet address packed in the low bits of a ulong, so matching is one compare.</summary>
public readonly record struct MacAddress(ulong Value)
{
    public const ulong Mask48 = 0xFFFF_FFFF_FFFFUL;
    public static readonly MacAddress Broadcast = new(Mask48);

    public static MacAddress FromBytes(ReadOnlySpan<byte> six)
    {
        ulong v = 0;
        for (var i = 0; i < 6; i++) v = (v << 8) | six[i];
        return new MacAddress(v);
    }

    public void WriteTo(Span<byte> six)
    {
        var v = Value;
        for (var i = 5; i >= 0; i--) { six[i] = (byte)v; v >>= 8; }
    }

    public static MacAddress Parse(string text)
    {
        var parts = text.Split(':', '-');
        if (parts.Length != 6) throw new FormatException($"'{text}' is not a MAC address");
        ulong v = 0;
        foreach (var p in parts) v = (v << 8) | Convert.ToByte(p, 16);
        return new MacAddress(v);
    }

    public bool IsMulticast => ((Value >> 40) & 1) != 0;

    public override string ToString()
    {
        Span<byte> b = stackalloc byte[6];
        WriteTo(b);
        return $"{b[0]:x2}:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}:{b[4]:x2}:{b[5]:x2}";
    }
}
