using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model.Nfv;
using SdnController.Topology.Scenarios;

namespace SdnController.Topology.Yaml;

/// <summary>Reads the <c>chains:</c> section into <see cref="ChainSpec"/>s; the builder checks the names they use.</summary>
internal static class ChainReader
{
    public static void Read(YEntry section, TopologyBuilder builder, DiagnosticBag diagnostics)
    {
        foreach (var item in SectionValues.MappingItems(section, "chain", "{id: web-in, match: {to: h5}, through: [fw1]}", diagnostics))
        {
            var m = new MappingReader(item, "chain", TopologyYamlKeys.Chain, diagnostics);
            var ok = true;
            YScalar? id = null;
            if (m.Require("id", diagnostics, out var e))
            {
                id = ValueReaders.Scalar(e, "chain id", diagnostics);
                ok &= id is not null && SectionValues.CheckLabel(id, "chain id", diagnostics);
            }
            var match = new ChainMatch();
            SourceLocation? fromAt = null, toAt = null;
            if (m.TryGet("match", out e)) ok &= ReadMatch(e, ref match, ref fromAt, ref toAt, diagnostics);
            var through = new List<string>();
            var throughAt = new List<SourceLocation?>();
            if (m.Require("through", diagnostics, out e) && NfvValues.Sequence(e, "[fw1, ids1, lb1]", diagnostics) is { } items)
            {
                if (items.Count == 0)
                {
                    diagnostics.Error(e.Value is YScalar ? e.Key.Location : e.Value.Location, "a chain needs at least one function in 'through'");
                    ok = false;
                }
                foreach (var f in items)
                {
                    if (ValueReaders.Scalar(new YEntry(e.Key, f), "nfv instance id", diagnostics) is { } s)
                    {
                        through.Add(s.Value);
                        throughAt.Add(s.Location);
                    }
                    else ok = false;
                }
            }
            else ok = false;
            if (!ok || id is null) continue;
            builder.AddChain(new ChainSpec(id.Value, match, through, id.Location)
            {
                ThroughSources = throughAt,
                FromSource = fromAt,
                ToSource = toAt,
            });
        }
    }

    private static bool ReadMatch(YEntry e, ref ChainMatch match, ref SourceLocation? fromAt, ref SourceLocation? toAt, DiagnosticBag diagnostics)
    {
        var m = SectionShape.OptionalMapping(e, "chain match", TopologyYamlKeys.ChainMatch, diagnostics);
        if (m is null) return e.Value is YScalar { IsNull: true };
        var ok = true;
        if (m.TryGet("from", out var f))
        {
            if (ValueReaders.Scalar(f, "host id", diagnostics) is { } s) { match = match with { From = s.Value }; fromAt = s.Location; }
            else ok = false;
        }
        if (m.TryGet("to", out f))
        {
            if (ValueReaders.Scalar(f, "host id", diagnostics) is { } s) { match = match with { To = s.Value }; toAt = s.Location; }
            else ok = false;
        }
        if (m.TryGet("proto", out f))
        {
            if (NfvValues.Protocol(f, diagnostics) is { } p) match = match with { Protocol = p };
            else ok = false;
        }
        var hasPorts = false;
        if (m.TryGet("sport", out f))
        {
            hasPorts = true;
            if (NfvValues.Ports(f, diagnostics) is { } r) match = match with { SourcePorts = r };
            else ok = false;
        }
        if (m.TryGet("dport", out f))
        {
            hasPorts = true;
            if (NfvValues.Ports(f, diagnostics) is { } r) match = match with { DestinationPorts = r };
            else ok = false;
        }
        if (hasPorts && match.Protocol == TransportProtocol.Icmp && m.TryGet("proto", out f))
        {
            diagnostics.Error(f.Value.Location, "chain match names ports, but ICMP has none; use proto tcp, udp or any");
            ok = false;
        }
        if (m.TryGet("class", out f))
        {
            if (ValueReaders.Scalar(f, "traffic class", diagnostics) is { } s && SectionValues.CheckLabel(s, "class", diagnostics))
                match = match with { Class = s.Value };
            else ok = false;
        }
        return ok;
    }
}
