using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;
using SdnController.Topology.Tests.Generators;
using SdnController.Topology.Tests.Writing;
using SdnController.Topology.Writing;
using SdnController.Topology.Yaml;
using static SdnController.Topology.Tests.Yaml.YamlTestSupport;

namespace SdnController.Topology.Tests.Yaml;

/// <summary>Per-link packet loss and queue size: reading, defaults, writing back, and round trips.</summary>
public class LossAndQueueTests
{
    [TestCase("0.5%", 0.005)]
    [TestCase("0.005", 0.005)]
    [TestCase("50 %", 0.5)]
    [TestCase("99.99%", 0.9999)]
    [TestCase(".5%", 0.005)]
    [TestCase("1e-1%", 0.001)]
    [TestCase("0", 0.0)]
    [TestCase("0%", 0.0)]
    [TestCase("0.999", 0.999)]
    public void ParsesLoss(string text, double fraction)
    {
        Assert.That(Units.TryParseLoss(text, out var v, out var error), Is.True, error);
        Assert.That(v, Is.EqualTo(fraction), "the percentage shifts the exponent, so it is the same double as the fraction");
    }

    [TestCase("100%", "below 100% (1)")]
    [TestCase("1", "did you mean '1%'?")]
    [TestCase("-0.1", "at least 0")]
    [TestCase("%", "expected a packet loss")]
    [TestCase("5 pct", "expected a packet loss")]
    [TestCase("1e999%", "expected a packet loss")]
    [TestCase("250", "below 100% (1)")]
    public void RejectsLoss(string text, string fragment)
    {
        Assert.That(Units.TryParseLoss(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(fragment));
    }

    [TestCase(0.005, "0.5%")]
    [TestCase(0.2, "20%")]
    [TestCase(0.0001, "0.01%")]
    [TestCase(0.0, "0")]
    public void FormatsLossAsAPercentageWhenExact(double fraction, string text)
    {
        Assert.That(Units.FormatLoss(fraction), Is.EqualTo(text));
    }

    [TestCase(0.1 + 0.2)]
    [TestCase(1e-300)]
    [TestCase(0.9999999999999999)]
    [TestCase(4.9e-324)]
    [TestCase(0.07)]
    [TestCase(1.0 / 3)]
    public void FormattedLossReadsBackExactly(double fraction)
    {
        var text = Units.FormatLoss(fraction);
        Assert.That(Units.TryParseLoss(text, out var back, out var error), Is.True, $"{text}: {error}");
        Assert.That(back, Is.EqualTo(fraction), text);
    }

    private const string File = """
        defaults: {loss: 1%, queue: 500}
        switches: [{id: s1}, {id: s2}, {id: s3}, {id: s4}]
        links:
          - endpoints: [s1, s2]
          - endpoints: [s2, s3]
            loss: 0.02
            queue: 8
          - endpoints: [s3, s4]
            loss: 0%
        """;

    [Test]
    public void LinksTakeTheirOwnValuesElseTheDefaults()
    {
        var (t, bag) = Load(File, "lq.yaml");
        Assert.That(t, Is.Not.Null, Render(bag));
        Assert.That(t!.Defaults.LossRate, Is.EqualTo(0.01));
        Assert.That(t.Defaults.QueuePackets, Is.EqualTo(500));
        Assert.That(t.Links.Select(l => l.LossRate), Is.EqualTo(new[] { 0.01, 0.02, 0.0 }));
        Assert.That(t.Links.Select(l => l.QueuePackets), Is.EqualTo(new int?[] { 500, 8, 500 }));
    }

    [Test]
    public void WithoutThemLinksAreLosslessWithTheNetworksQueue()
    {
        var (t, bag) = Load("switches: [{id: a}, {id: b}]\nlinks: [{endpoints: [a, b]}]\n", "plain.yaml");
        Assert.That(t, Is.Not.Null, Render(bag));
        Assert.That(t!.Defaults, Is.EqualTo(LinkDefaults.Standard));
        Assert.That(t.Links[0].LossRate, Is.Zero);
        Assert.That(t.Links[0].QueuePackets, Is.Null);
    }

    [Test]
    public void WriterStatesOnlyWhatDiffersFromTheDefaults()
    {
        var (t, bag) = Load(File, "lq.yaml");
        Assert.That(t, Is.Not.Null, Render(bag));
        var yaml = TopologyYamlWriter.ToYaml(t!);
        Assert.That(yaml, Does.Contain("defaults: {bandwidth: 1Gbps, latency: 1ms, cost: 1, loss: 1%, queue: 500}\n"));
        Assert.That(yaml, Does.Contain(
            "  - endpoints: [s1:1, s2:1]\n" +
            "  - endpoints: [s2:2, s3:1]\n    loss: 2%\n    queue: 8\n" +
            "  - endpoints: [s3:2, s4:1]\n    loss: 0\n"));
    }

    [Test]
    public void WriterLeavesThemOutWhenUnset()
    {
        var (t, _) = Load("switches: [{id: a}, {id: b}]\nlinks: [{endpoints: [a, b], cost: 3}]\n", "plain.yaml");
        var yaml = TopologyYamlWriter.ToYaml(t!);
        Assert.That(yaml, Does.Contain("defaults: {bandwidth: 1Gbps, latency: 1ms, cost: 1}\n"));
        Assert.That(yaml, Does.Not.Contain("loss").And.Not.Contain("queue"));
    }

    [Test]
    public void FileValuesSurviveARoundTrip()
    {
        var (t, bag) = Load(File, "lq.yaml");
        Assert.That(t, Is.Not.Null, Render(bag));
        RoundTrip.AssertSurvives(t!);
    }

    [Test]
    public void AwkwardValuesSurviveARoundTrip()
    {
        var b = new TopologyBuilder("lossy") { Defaults = LinkDefaults.Standard with { LossRate = 0.1 + 0.2, QueuePackets = int.MaxValue } };
        b.AddSwitch(new SwitchSpec("a"));
        b.AddSwitch(new SwitchSpec("b"));
        b.AddLink(new LinkSpec(new PortSpec("a", null), new PortSpec("b", null)));
        b.AddLink(new LinkSpec(new PortSpec("a", null), new PortSpec("b", null)) { LossRate = 1e-300, QueuePackets = 1 });
        b.AddLink(new LinkSpec(new PortSpec("a", null), new PortSpec("b", null)) { LossRate = 0.9999999999999999 });
        b.AddLink(new LinkSpec(new PortSpec("a", null), new PortSpec("b", null)) { LossRate = 0, QueuePackets = 2 });
        var reloaded = RoundTrip.AssertSurvives(GeneratedTopology.Build(b));
        Assert.That(reloaded.Links.Select(l => l.QueuePackets), Is.EqualTo(new int?[] { int.MaxValue, 1, int.MaxValue, 2 }));
    }

    [Test]
    public void BuilderRejectsOutOfRangeValuesGivenInCode()
    {
        var b = new TopologyBuilder("bad") { Defaults = LinkDefaults.Standard with { QueuePackets = 0 } };
        b.AddSwitch(new SwitchSpec("a"));
        b.AddSwitch(new SwitchSpec("b"));
        b.AddLink(new LinkSpec(new PortSpec("a", null), new PortSpec("b", null)) { LossRate = 1 });
        b.AddLink(new LinkSpec(new PortSpec("a", null), new PortSpec("b", null)) { LossRate = double.NaN, QueuePackets = -3 });
        var bag = new DiagnosticBag();
        Assert.That(b.Build(bag), Is.Null);
        var messages = bag.Items.Select(d => d.Message).ToArray();
        Assert.That(messages, Has.Some.Contains("defaults: queue must be at least 1 packet, found 0"));
        Assert.That(messages, Has.Some.Contains("link 'a-b': loss must be at least 0 and below 1 (100%), found 1"));
        Assert.That(messages, Has.Some.Contains("link 'a-b#2': loss must be at least 0 and below 1 (100%), found NaN"));
        Assert.That(messages, Has.Some.Contains("link 'a-b#2': queue must be at least 1 packet, found -3"));
    }
}
