using System.Globalization;

namespace SdnController.Topology.Model.Nfv;

/// <summary>TCP/UDP ports <see cref="Low"/>..<see cref="High"/> inclusive; written <c>80</c> or <c>80-443</c>.</summary>
public readonly record struct PortRange(int Low, int High)
{
    public static readonly PortRange Any = new(0, 65535);

    public bool IsAny => Low == 0 && High == 65535;
    public int Count => High - Low + 1;
    public bool Contains(int port) => port >= Low && port <= High;

    public static PortRange Single(int port) => new(port, port);

    /// <summary>Parses <c>80</c> or <c>80-443</c> (ports 0..65535, low ≤ high).</summary>
    public static bool TryParse(string text, out PortRange range, out string? error)
    {
        range = Any;
        var t = text.Trim();
        var dash = t.IndexOf('-', 1 < t.Length ? 1 : 0);
        var lowText = dash < 0 ? t : t[..dash].Trim();
        var highText = dash < 0 ? t : t[(dash + 1)..].Trim();
        if (!TryPort(lowText, out var low) || !TryPort(highText, out var high))
        {
            error = "expected a port (0..65535) or a range such as 1024-65535";
            return false;
        }
        if (low > high)
        {
            error = $"port range {low}-{high} is empty (the first port must not exceed the second)";
            return false;
        }
        range = new PortRange(low, high);
        error = null;
        return true;
    }

    private static bool TryPort(string t, out int port) =>
        int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;

    public override string ToString() => Low == High
        ? Low.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Low}-{High}");
}
