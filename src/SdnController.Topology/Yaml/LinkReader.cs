using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Yaml;

/// <summary>Reads the <c>links:</c> section into <see cref="LinkSpec"/>s.</summary>
internal static class LinkReader
{
    public static void Read(YEntry section, TopologyBuilder builder, DiagnosticBag diagnostics)
    {
        foreach (var item in SectionShape.MappingItems(section, "link", required: false, diagnostics))
        {
            var m = new MappingReader(item, "link", TopologyYamlKeys.Link, diagnostics);
            PortSpec? a = null, b = null;
            var endsOk = m.Require("endpoints", diagnostics, out var endsEntry) && ReadEnds(endsEntry, diagnostics, out a, out b);

            // The builder checks the id's characters, as it does for switches and hosts.
            var id = m.TryGet("id", out var e) ? ValueReaders.Scalar(e, "link id", diagnostics) : null;
            var bandwidth = m.TryGet("bandwidth", out e) ? ValueReaders.Bandwidth(e, diagnostics) : null;
            var latency = m.TryGet("latency", out e) ? ValueReaders.Latency(e, diagnostics) : null;
            var cost = m.TryGet("cost", out e) ? ValueReaders.Cost(e, diagnostics) : null;
            var loss = m.TryGet("loss", out e) ? ValueReaders.Loss(e, diagnostics) : null;
            var queue = m.TryGet("queue", out e) ? ValueReaders.QueuePackets(e, diagnostics) : null;

            if (!endsOk) continue;
            builder.AddLink(new LinkSpec(a!, b!, id?.Location ?? item.Location)
            {
                Id = id?.Value,
                BandwidthBps = bandwidth,
                LatencyMs = latency,
                Cost = cost,
                LossRate = loss,
                QueuePackets = queue,
            });
        }
    }

    private static bool ReadEnds(YEntry e, DiagnosticBag diagnostics, out PortSpec? a, out PortSpec? b)
    {
        a = b = null;
        if (e.Value is not YSequence seq)
        {
            var at = e.Value is YScalar { IsNull: true } ? e.Key.Location : e.Value.Location;
            diagnostics.Error(at, $"expected a sequence of two 'switch[:port]' ends for 'endpoints' (e.g. [s1:1, s2:1]), found {e.Value.Describe()}");
            return false;
        }
        if (seq.Items.Count != 2)
        {
            diagnostics.Error(seq.Location, $"expected exactly two ends in 'endpoints', found {seq.Items.Count}");
            return false;
        }
        a = ValueReaders.Port(seq.Items[0], "link end", seq.Location, diagnostics);
        b = ValueReaders.Port(seq.Items[1], "link end", seq.Location, diagnostics);
        return a is not null && b is not null;
    }
}
