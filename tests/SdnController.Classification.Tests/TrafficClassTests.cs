using SdnController.Classification.Classes;
using static SdnController.Testing.TestFrames;

namespace SdnController.Classification.Tests;

public class TrafficClassTests
{
    [Test]
    public void ElephantFlowIsBulkWhateverItsProtocol()
    {
        var options = new ClassifierOptions { ElephantBytes = 50_000 };
        var frames = new List<byte[]> { TcpFrame("10.0.0.1", 40000, "10.0.0.2", 443, Psh | Ack, ProtocolDetectionTests.ClientHello("example.org")) };
        for (var i = 0; i < 40; i++) frames.Add(TcpFrame("10.0.0.2", 443, "10.0.0.1", 40000, Ack, new byte[1400]));
        var flow = Frames.Classify(new Classifier(options), [.. frames]).Flows.Single();
        Assert.That((flow.Protocol, flow.Class), Is.EqualTo((AppProtocol.TLS, TrafficClass.Bulk)));
        var small = Frames.Classify(new Classifier(options), frames[0]).Flows.Single();
        Assert.That(small.Class, Is.EqualTo(TrafficClass.Web));
    }

    [Test]
    public void ElephantByRate()
    {
        var options = new ClassifierOptions { ElephantBytes = long.MaxValue, ElephantMinBytes = 10_000, ElephantBitsPerSecond = 1_000_000 };
        var classifier = new Classifier(options);
        // 20 × 1400 bytes within 20 ms: ~11 Mbit/s.
        for (var i = 0; i < 20; i++)
            classifier.Process(UdpFrame("10.0.0.1", 40000, "10.0.0.2", 40001, new byte[1400]), Decoding.LinkType.Ethernet, 1_000_000 + i * 1000);
        Assert.That(classifier.Report().Flows.Single().Class, Is.EqualTo(TrafficClass.Bulk));
    }

    [Test]
    public void ProbingManyPortsIsSuspiciousButOneFailedConnectionIsNot()
    {
        var scan = Enumerable.Range(1, 30).Select(p => TcpFrame("10.0.0.66", 50000, "10.0.0.2", (ushort)p, Syn, [])).ToArray();
        var report = Frames.Classify(scan);
        Assert.That(report.Flows.Select(f => f.Class), Is.All.EqualTo(TrafficClass.Suspicious));
        Assert.That(report.ByClass.Single().Name, Is.EqualTo("suspicious"));
        var single = Frames.Classify(TcpFrame("10.0.0.1", 50000, "10.0.0.2", 22, Syn, []));
        Assert.That(single.Flows.Single().Class, Is.EqualTo(TrafficClass.Interactive)); // SSH by port, not suspicious
    }

    [Test]
    public void FlowTableIsBounded()
    {
        var classifier = new Classifier(new ClassifierOptions { MaxFlows = 10 });
        var frames = Enumerable.Range(0, 25).Select(i => TcpFrame("10.0.0.1", (ushort)(40000 + i), "10.0.0.2", 80, Syn, [])).ToList();
        frames.Add(TcpFrame("10.0.0.2", 80, "10.0.0.1", 40000, Syn | Ack, [])); // a tracked flow keeps counting
        var report = Frames.Classify(classifier, [.. frames]);
        Assert.That((report.Flows.Count, report.UntrackedPackets, report.Packets), Is.EqualTo((10, 15L, 26L)));
        Assert.That(report.Flows[0].Packets, Is.EqualTo(2));
    }

    [Test]
    public void TotalsAddUp()
    {
        var report = Frames.Classify(
            UdpFrame("10.0.0.1", 40000, "10.0.0.2", 53, DnsQuery("a.example")),
            UdpFrame("10.0.0.1", 40001, "10.0.0.2", 53, DnsQuery("b.example")),
            TcpFrame("10.0.0.1", 40002, "10.0.0.2", 22, Psh | Ack, Ascii("SSH-2.0-x\r\n")));
        Assert.That(report.ByProtocol.Select(t => (t.Name, t.Flows)), Is.EquivalentTo(new[] { ("DNS", 2L), ("SSH", 1L) }));
        Assert.That(report.ByClass.Sum(t => t.Bytes), Is.EqualTo(report.Bytes));
        Assert.That(report.Packets, Is.EqualTo(3));
    }
}
