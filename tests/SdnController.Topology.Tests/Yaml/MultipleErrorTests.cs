using static SdnController.Topology.Tests.Yaml.YamlTestSupport;

namespace SdnController.Topology.Tests.Yaml;

public class MultipleErrorTests
{
    [Test]
    public void EveryErrorInTheFileIsReportedInFileOrder()
    {
        const string yaml = """
            name: demo
            defaults:
              bandwith: 1Gbps
            switches:
              - id: s1
                dpid: 0xZZ
              - id: s2
                location: {lat: 95, lon: 4}
              - id: s1
            hosts:
              - id: h1
                mac: 00:00:00:00:00:1
                attach: s9:1
            links:
              - endpoints: [s1:1, s2]
                latency: -2ms
              - endpoints: [s1:1, s3]
                cost: free
            """;
        var (t, bag) = Load(yaml, "multi.yaml");
        Assert.That(t, Is.Null);
        var positions = bag.Items.Select(d => $"{d.Location!.Line}:{d.Location.Column}").ToArray();
        // Shape errors (key, dpid, lat, MAC, latency, cost) and builder errors (duplicate id,
        // unknown switch, port reuse) together, sorted by position.
        Assert.That(positions, Is.EqualTo(new[] { "3:3", "6:11", "8:21", "9:9", "12:10", "13:13", "16:14", "17:17", "17:23", "18:11" }), Render(bag));
        Assert.That(bag.Items.All(d => d.Severity == Diagnostics.Severity.Error));
    }

    [Test]
    public void ShapeErrorsInOneSwitchDoNotHideItFromLinks()
    {
        // s2's dpid is wrong, but s2 still exists: the link must not add "unknown switch 's2'".
        var (t, bag) = Load("switches:\n  - id: s1\n  - id: s2\n    dpid: -1\nlinks:\n  - endpoints: [s1, s2]\n");
        Assert.That(t, Is.Null);
        Assert.That(bag.Items, Has.Count.EqualTo(1), Render(bag));
        Assert.That(bag.Items[0].Location!.Line, Is.EqualTo(4));
    }

    [Test]
    public void SelfLoopIsOnlyAWarning()
    {
        var (t, bag) = Load("switches:\n  - id: s1\nlinks:\n  - endpoints: [s1, s1]\n");
        Assert.That(t, Is.Not.Null, Render(bag));
        Assert.That(bag.Items.Single().Severity, Is.EqualTo(Diagnostics.Severity.Warning));
        Assert.That(bag.Items.Single().Location!.Line, Is.EqualTo(4));
    }
}
