using System.Net;
using System.Net.Sockets;

namespace SdnController.Topology.Model;

/// <summary>A host's address with its prefix length, e.g. 10.0.0.1/24 or fd00::1/64.</summary>
public sealed record InterfaceAddress(IPAddress Address, int PrefixLength)
{
    public bool IsIPv4 => Address.AddressFamily == AddressFamily.InterNetwork;

    public static bool TryParse(string text, out InterfaceAddress? result, out string? error)
    {
        result = null;
        error = null;
        var slash = text.IndexOf('/');
        var addrText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addrText, out var addr) ||
            (addr.AddressFamily == AddressFamily.InterNetwork && addrText.Count(c => c == '.') != 3))
        {
            error = $"expected an IPv4 or IPv6 address, found '{text}'";
            return false;
        }
        var max = addr.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], out prefix) || prefix < 0 || prefix > max))
        {
            error = $"expected a prefix length 0..{max} after '/', found '{text[(slash + 1)..]}'";
            return false;
        }
        result = new InterfaceAddress(addr, prefix);
        return true;
    }

    public override string ToString() => $"{Address}/{PrefixLength}";
}
