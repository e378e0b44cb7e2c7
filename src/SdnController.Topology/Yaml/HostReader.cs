using System.Net.Sockets;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Yaml;

/// <summary>Reads the <c>hosts:</c> section into <see cref="HostSpec"/>s.</summary>
internal static class HostReader
{
    public static void Read(YEntry section, TopologyBuilder builder, DiagnosticBag diagnostics)
    {
        foreach (var item in SectionShape.MappingItems(section, "host", required: false, diagnostics))
        {
            var m = new MappingReader(item, "host", TopologyYamlKeys.Host, diagnostics);
            YScalar? id = null;
            if (m.Require("id", diagnostics, out var idEntry)) id = ValueReaders.Scalar(idEntry, "host id", diagnostics);

            PortSpec? attach = null;
            if (m.Require("attach", diagnostics, out var attachEntry))
                attach = ValueReaders.Port(attachEntry.Value, "the switch port the host attaches to", attachEntry.Key.Location, diagnostics);

            var mac = m.TryGet("mac", out var macEntry) ? ValueReaders.Mac(macEntry, diagnostics) : null;
            var ipv4 = m.TryGet("ipv4", out var v4Entry) ? ValueReaders.Address(v4Entry, AddressFamily.InterNetwork, diagnostics) : null;
            var ipv6 = m.TryGet("ipv6", out var v6Entry) ? ValueReaders.Address(v6Entry, AddressFamily.InterNetworkV6, diagnostics) : null;
            var real = m.TryGet("real", out var realEntry) ? ValueReaders.Boolean(realEntry, diagnostics) : null;

            if (id is null || attach is null) continue;
            builder.AddHost(new HostSpec(id.Value, attach, id.Location)
            {
                Mac = mac,
                MacSource = mac is null ? null : macEntry.Value.Location,
                IPv4 = ipv4,
                IPv4Source = ipv4 is null ? null : v4Entry.Value.Location,
                IPv6 = ipv6,
                IPv6Source = ipv6 is null ? null : v6Entry.Value.Location,
                Real = real ?? false,
                RealSource = real is null ? null : realEntry.Value.Location,
            });
        }
    }
}
