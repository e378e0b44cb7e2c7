using System.Net.NetworkInformation;
using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Model;

/// <summary>An end host attached to one switch port.</summary>
public sealed record Host(string Id, PhysicalAddress Mac, PortRef Attachment)
{
    public InterfaceAddress? IPv4 { get; init; }
    public InterfaceAddress? IPv6 { get; init; }
    /// <summary>
    /// <c>real: true</c>: a Linux network namespace behind a veth pair plays this host instead of the simulated
    /// stack, so real programs talk across the virtual switches (sdnctl run --realtime; README "Real hosts").
    /// </summary>
    public bool Real { get; init; }
    public SourceLocation? Source { get; init; }

    public static string FormatMac(PhysicalAddress mac) =>
        string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2")));
}
