namespace SdnController.Topology.Model.Nfv;

/// <summary>The protocol a rule matches; the values are IP protocol numbers, except <see cref="Any"/>.</summary>
public enum TransportProtocol
{
    Any = -1,
    Icmp = 1,
    Tcp = 6,
    Udp = 17,
}

public static class TransportProtocols
{
    public static readonly IReadOnlyList<string> Names = new[] { "tcp", "udp", "icmp", "any" };

    public static string Name(TransportProtocol p) => p switch
    {
        TransportProtocol.Tcp => "tcp",
        TransportProtocol.Udp => "udp",
        TransportProtocol.Icmp => "icmp",
        _ => "any",
    };

    public static bool TryParse(string text, out TransportProtocol protocol)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "tcp": protocol = TransportProtocol.Tcp; return true;
            case "udp": protocol = TransportProtocol.Udp; return true;
            case "icmp": protocol = TransportProtocol.Icmp; return true;
            case "any" or "*": protocol = TransportProtocol.Any; return true;
        }
        protocol = TransportProtocol.Any;
        return false;
    }

    /// <summary>True when a packet of IP protocol <paramref name="ipProtocol"/> matches.</summary>
    public static bool Matches(this TransportProtocol p, int ipProtocol) => p == TransportProtocol.Any || (int)p == ipProtocol;

    /// <summary>TCP and UDP carry ports; a port condition on another protocol can never match.</summary>
    public static bool HasPorts(this TransportProtocol p) => p is TransportProtocol.Tcp or TransportProtocol.Udp;
}
