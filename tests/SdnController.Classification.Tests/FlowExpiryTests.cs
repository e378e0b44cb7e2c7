using SdnController.Classification.Decoding;
using SdnController.Classification.Flows;
using static SdnController.Testing.TestFrames;

namespace SdnController.Classification.Tests;

/// <summary>Idle-flow expiry: per-transport timeouts, TCP teardown, re-used 5-tuples, the sweep, and the report's totals.</summary>
public class FlowExpiryTests
{
    private const byte Fin = 0x01;
    private const long Second = 1_000_000;

    private static byte[] Http(ushort sport) =>
        TcpFrame("10.0.0.1", sport, "10.0.0.2", 8000, Psh | Ack, Ascii("GET / HTTP/1.1\r\nHost: a.example\r\n\r\n"));

    private static byte[] Dns(ushort sport) => UdpFrame("10.0.0.1", sport, "10.0.0.2", 53, DnsQuery("a.example"));

    [Test]
    public void A_udp_flow_expires_after_its_idle_timeout_and_not_before()
    {
        var c = new Classifier();
        var expired = new List<Flow>();
        c.FlowExpired += expired.Add;
        c.Process(Dns(40000), LinkType.Ethernet, 0);
        c.Process(Dns(40000), LinkType.Ethernet, 59 * Second);   // 59 s idle: same flow
        Assert.That((c.FlowCount, expired.Count), Is.EqualTo((1, 0)));
        c.Process(Dns(40000), LinkType.Ethernet, 120 * Second);  // 61 s idle: a new flow
        Assert.That(c.FlowCount, Is.EqualTo(2));
        Assert.That(expired, Is.EqualTo(new[] { c.Flows[0] }));
        Assert.That(c.Flows[0].Expired, Is.True);
        Assert.That(c.Flows[0].ExpiredAtMicros, Is.EqualTo(119 * Second));
        Assert.That((c.Flows[0].Packets, c.Flows[1].Packets), Is.EqualTo((2L, 1L)));
        Assert.That(c.ActiveFlowCount, Is.EqualTo(1));
    }

    [Test]
    public void Timeouts_are_per_transport_and_configurable()
    {
        var c = new Classifier(new ClassifierOptions { TcpIdleTimeout = TimeSpan.FromSeconds(5), UdpIdleTimeout = TimeSpan.FromSeconds(2) });
        c.Process(Http(40000), LinkType.Ethernet, 0);
        c.Process(Dns(40001), LinkType.Ethernet, 0);
        c.Process(Http(40000), LinkType.Ethernet, 4 * Second);
        c.Process(Dns(40001), LinkType.Ethernet, 3 * Second);
        Assert.That(c.Flows.Select(f => (f.Transport, f.Expired)), Is.EqualTo(new[] { ((ushort)6, false), ((ushort)17, true), ((ushort)17, false) }));
    }

    [Test]
    public void A_re_used_5_tuple_is_classified_afresh()
    {
        var c = new Classifier();
        c.Process(Http(40000), LinkType.Ethernet, 0);
        // Same 5-tuple 301 s later, now carrying SSH: without expiry it would stay HTTP (inspection is done).
        c.Process(TcpFrame("10.0.0.1", 40000, "10.0.0.2", 8000, Psh | Ack, Ascii("SSH-2.0-OpenSSH_9.2\r\n")), LinkType.Ethernet, 301 * Second);
        var report = c.Report();
        Assert.That(report.Flows.Select(f => f.Protocol), Is.EqualTo(new[] { AppProtocol.HTTP, AppProtocol.SSH }));

        var whole = new Classifier(ClassifierOptions.WholeCapture);
        whole.Process(Http(40000), LinkType.Ethernet, 0);
        whole.Process(TcpFrame("10.0.0.1", 40000, "10.0.0.2", 8000, Psh | Ack, Ascii("SSH-2.0-OpenSSH_9.2\r\n")), LinkType.Ethernet, 301 * Second);
        Assert.That(whole.Report().Flows.Select(f => f.Protocol), Is.EqualTo(new[] { AppProtocol.HTTP }), "expiry off: one flow per 5-tuple");
    }

    [Test]
    public void A_tcp_flow_closed_by_fin_both_ways_or_rst_ends_after_the_close_timeout()
    {
        var c = new Classifier();
        // Flow A: FIN from the client only — still open, the 300 s timeout applies.
        c.Process(TcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, Syn, []), LinkType.Ethernet, 0);
        c.Process(TcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, Fin | Ack, []), LinkType.Ethernet, 1);
        // Flow B: FIN both ways.
        c.Process(TcpFrame("10.0.0.1", 40001, "10.0.0.2", 80, Syn, []), LinkType.Ethernet, 0);
        c.Process(TcpFrame("10.0.0.1", 40001, "10.0.0.2", 80, Fin | Ack, []), LinkType.Ethernet, 1);
        c.Process(TcpFrame("10.0.0.2", 80, "10.0.0.1", 40001, Fin | Ack, []), LinkType.Ethernet, 2);
        // Flow C: a RST from the server.
        c.Process(TcpFrame("10.0.0.1", 40002, "10.0.0.2", 80, Syn, []), LinkType.Ethernet, 0);
        c.Process(TcpFrame("10.0.0.2", 80, "10.0.0.1", 40002, Rst | Ack, []), LinkType.Ethernet, 1);
        Assert.That(c.Flows.Select(f => f.Closed), Is.EqualTo(new[] { false, true, true }));

        // The final ACK within the close timeout still belongs to the flow.
        c.Process(TcpFrame("10.0.0.1", 40001, "10.0.0.2", 80, Ack, []), LinkType.Ethernet, 5 * Second);
        Assert.That(c.Flows[1].Packets, Is.EqualTo(4));
        c.ExpireIdle(16 * Second);
        Assert.That(c.Flows.Select(f => f.Expired), Is.EqualTo(new[] { false, true, true }));
        Assert.That(c.Flows[1].ExpiredAtMicros, Is.EqualTo(15 * Second));
        c.ExpireIdle(301 * Second);
        Assert.That(c.Flows[0].Expired, Is.True);
        Assert.That(c.ActiveFlowCount, Is.EqualTo(0));
    }

    [Test]
    public void The_sweep_frees_flows_that_never_send_again_as_capture_time_passes()
    {
        var c = new Classifier();
        var expired = 0;
        c.FlowExpired += _ => expired++;
        for (ushort p = 0; p < 100; p++) c.Process(Dns((ushort)(30000 + p)), LinkType.Ethernet, 0);
        Assert.That(c.ActiveFlowCount, Is.EqualTo(100));
        // Another flow's packets move capture time on; the idle ones go at the first sweep after 60 s (a sweep also
        // waits for as many packets as the table holds flows: 10 packets a second here, so one every ~10 s).
        for (var t = 10; t <= 720; t++) c.Process(Http(40000), LinkType.Ethernet, t * Second / 10);
        Assert.That((expired, c.ActiveFlowCount, c.ExpiredFlows), Is.EqualTo((100, 1, 100L)));
        Assert.That(c.FlowCount, Is.EqualTo(101), "expired flows stay for the report");
    }

    [Test]
    public void Without_retention_expired_flows_leave_the_list_and_the_table_bound_counts_active_flows()
    {
        var c = new Classifier(new ClassifierOptions { RetainExpiredFlows = false, MaxFlows = 10 });
        for (ushort p = 0; p < 10; p++) c.Process(Dns((ushort)(30000 + p)), LinkType.Ethernet, 0);
        c.Process(Dns(31000), LinkType.Ethernet, 1);
        Assert.That(c.UntrackedPackets, Is.EqualTo(1), "the table is full");
        c.Process(Dns(31000), LinkType.Ethernet, 61 * Second);
        Assert.That((c.FlowCount, c.ActiveFlowCount, c.UntrackedPackets), Is.EqualTo((1, 1, 1L)));
    }

    [Test]
    public void Totals_are_the_same_with_and_without_expiry()
    {
        var frames = new List<(byte[] Frame, long At)>();
        for (var i = 0; i < 6; i++)
        {
            frames.Add((Dns(40000), i * 70 * Second));               // a new DNS flow each time
            frames.Add((Http((ushort)(41000 + i % 2)), i * 200 * Second));
        }
        frames.Sort((a, b) => a.At.CompareTo(b.At));
        var expiring = new Classifier();
        var whole = new Classifier(ClassifierOptions.WholeCapture);
        foreach (var (f, at) in frames)
        {
            expiring.Process(f, LinkType.Ethernet, at);
            whole.Process(f, LinkType.Ethernet, at);
        }
        var a = expiring.Report();
        var b = whole.Report();
        Assert.That(a.Flows.Count, Is.GreaterThan(b.Flows.Count), "expiry split the re-used 5-tuples");
        Assert.That((a.Packets, a.Bytes), Is.EqualTo((b.Packets, b.Bytes)));
        Assert.That(a.ByProtocol.Select(t => (t.Name, t.Packets, t.Bytes)), Is.EqualTo(b.ByProtocol.Select(t => (t.Name, t.Packets, t.Bytes))));
        Assert.That(a.ByClass.Select(t => (t.Name, t.Packets, t.Bytes)), Is.EqualTo(b.ByClass.Select(t => (t.Name, t.Packets, t.Bytes))));
        Assert.That(a.ByProtocol.Single(t => t.Name == "DNS").Flows, Is.EqualTo(6));
    }
}
