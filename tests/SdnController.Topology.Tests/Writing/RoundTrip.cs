using SdnController.Topology.Model;
using SdnController.Topology.Writing;
using SdnController.Topology.Tests.Yaml;

namespace SdnController.Topology.Tests.Writing;

/// <summary>Writes a topology, loads the text again and checks that every figure the format can carry came back.</summary>
internal static class RoundTrip
{
    /// <summary>Derived latencies are recomputed from the reloaded coordinates; allow the last bits of that arithmetic.</summary>
    private const double LatencyTolerance = 1e-9;

    public static Model.Topology AssertSurvives(Model.Topology original)
    {
        var yaml = TopologyYamlWriter.ToYaml(original);
        var (reloaded, bag) = YamlTestSupport.Load(yaml, "roundtrip.yaml");
        Assert.That(bag.HasErrors, Is.False, () => "written file does not load:\n" + YamlTestSupport.Render(bag) + "\n" + yaml);
        Assert.That(reloaded, Is.Not.Null);
        AssertSame(original, reloaded!, yaml);
        return reloaded!;
    }

    private static void AssertSame(Model.Topology a, Model.Topology b, string yaml)
    {
        Assert.Multiple(() =>
        {
            Assert.That(b.Name, Is.EqualTo(a.Name), "name");
            Assert.That(b.Description ?? "", Is.EqualTo(a.Description ?? ""), "description");
            Assert.That(b.Defaults, Is.EqualTo(a.Defaults), "defaults");
        });

        Assert.That(b.Switches.Select(s => s.Id), Is.EqualTo(a.Switches.Select(s => s.Id)), "switch ids");
        for (var i = 0; i < a.Switches.Count; i++)
        {
            var (x, y) = (a.Switches[i], b.Switches[i]);
            Assert.That(y.DatapathId, Is.EqualTo(x.DatapathId), $"dpid of {x.Id}");
            Assert.That(y.Label ?? "", Is.EqualTo(x.Label ?? ""), $"label of {x.Id}");
            Assert.That(y.Location, Is.EqualTo(x.Location), $"location of {x.Id}");
        }

        Assert.That(b.Hosts.Select(h => h.Id), Is.EqualTo(a.Hosts.Select(h => h.Id)), "host ids");
        for (var i = 0; i < a.Hosts.Count; i++)
        {
            var (x, y) = (a.Hosts[i], b.Hosts[i]);
            Assert.That(Host.FormatMac(y.Mac), Is.EqualTo(Host.FormatMac(x.Mac)), $"MAC of {x.Id}");
            Assert.That(y.IPv4?.ToString(), Is.EqualTo(x.IPv4?.ToString()), $"IPv4 of {x.Id}");
            Assert.That(y.IPv6?.ToString(), Is.EqualTo(x.IPv6?.ToString()), $"IPv6 of {x.Id}");
            Assert.That(y.Attachment, Is.EqualTo(x.Attachment), $"attachment of {x.Id}");
            Assert.That(y.Real, Is.EqualTo(x.Real), $"real: of {x.Id}");
        }

        Assert.That(b.Links.Select(l => l.Id), Is.EqualTo(a.Links.Select(l => l.Id)), "link ids");
        for (var i = 0; i < a.Links.Count; i++)
        {
            var (x, y) = (a.Links[i], b.Links[i]);
            Assert.That((y.A, y.B), Is.EqualTo((x.A, x.B)), $"ends of {x.Id}");
            Assert.That(y.BandwidthBps, Is.EqualTo(x.BandwidthBps), $"bandwidth of {x.Id}");
            Assert.That(y.LatencyMs, Is.EqualTo(x.LatencyMs).Within(LatencyTolerance * Math.Abs(x.LatencyMs)), $"latency of {x.Id}");
            Assert.That(y.LatencySource, Is.EqualTo(x.LatencySource), $"latency source of {x.Id}");
            Assert.That(y.Cost, Is.EqualTo(x.Cost), $"cost of {x.Id}");
            Assert.That(y.LossRate, Is.EqualTo(x.LossRate), $"loss of {x.Id}");
            Assert.That(y.QueuePackets, Is.EqualTo(x.QueuePackets), $"queue of {x.Id}");
        }

        // Writing the reloaded topology again gives the same text, so nothing drifts over repeated
        // conversions; only the topology attributes are gone, as the format keeps them as comments.
        Assert.That(FromName(TopologyYamlWriter.ToYaml(b)), Is.EqualTo(FromName(yaml)), "second write differs from the first");
    }

    private static string FromName(string yaml) => yaml[yaml.IndexOf("\nname: ", StringComparison.Ordinal)..];
}
