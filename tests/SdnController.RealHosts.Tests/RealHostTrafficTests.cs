using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SdnController.RealHosts.Tests;

/// <summary>
/// Two real hosts (namespaces sdn-h1 and sdn-h2) on a triangle s1–s3 with a detour over s2: Linux's own ping and a
/// real HTTP server and curl talk across the virtual switches, and a failed link reroutes a running ping.
/// Needs root; skipped with the reason otherwise.
/// </summary>
[TestFixture, NonParallelizable]
public partial class RealHostTrafficTests
{
    private const string H2 = "10.77.0.2";
    private const string Topology = """
        name: real-hosts-triangle
        defaults: {bandwidth: 1Gbps, latency: 1ms}
        controller:
          routing: reactive
        switches:
          - id: s1
          - id: s2
          - id: s3
        hosts:
          - {id: h1, mac: "02:00:00:77:00:01", ipv4: 10.77.0.1/24, attach: "s1:1", real: true}
          - {id: h2, mac: "02:00:00:77:00:02", ipv4: 10.77.0.2/24, attach: "s3:1", real: true}
        links:
          - {id: s1-s3, endpoints: ["s1:2", "s3:2"]}
          - {id: s1-s2, endpoints: ["s1:3", "s2:2"]}
          - {id: s2-s3, endpoints: ["s2:3", "s3:3"]}
        """;

    private RunningNetwork? _net;
    private DirectoryInfo? _records;

    private RunningNetwork Net => _net!;

    [OneTimeSetUp]
    public void Start()
    {
        RealHostRequirements.Require("ping");
        _records = Directory.CreateTempSubdirectory("sdn-realhosts-records-");
        _net = new RunningNetwork(Topology, new RealHostOptions { RecordsDirectory = _records.FullName });
        // Until the switches connected and hold their base rules, nobody answers ARP.
        var deadline = Stopwatch.StartNew();
        while (Net.SwitchesConnected < 3 && deadline.Elapsed < TimeSpan.FromSeconds(15)) Thread.Sleep(20);
        Assert.That(Net.SwitchesConnected, Is.EqualTo(3), "the switches connect to the controller");
        Thread.Sleep(300);
        _firstPing = Netns.Exec("sdn-h1", TimeSpan.FromSeconds(5), "ping", "-c", "1", "-W", "3", H2);
    }

    private Netns.Result? _firstPing;

    [OneTimeTearDown]
    public void Stop()
    {
        _net?.Dispose();
        if (_records is not null)
        {
            Assert.That(Directory.GetFiles(_records.FullName), Is.Empty, "every ownership record is removed with its namespace");
            _records.Delete(recursive: true);
        }
        if (_net is null) return;
        foreach (var name in new[] { "sdn-h1", "sdn-h2" })
        {
            Assert.That(Netns.NamespaceExists(name), Is.False, $"namespace {name} is removed");
            Assert.That(Netns.InterfaceExists(name), Is.False, $"veth {name} is removed");
        }
    }

    private long Delivered(string linkId) => Net.OnLoop(n =>
    {
        var l = n.FindLink(linkId);
        return l.AToB.FramesDelivered + l.BToA.FramesDelivered;
    });

    private long DeliveredBytes(string linkId) => Net.OnLoop(n =>
    {
        var l = n.FindLink(linkId);
        return l.AToB.BytesDelivered + l.BToA.BytesDelivered;
    });

    [Test, Order(0)]
    public void The_first_frames_of_a_fresh_namespace_get_through()
    {
        // Both kernels start with empty ARP caches: a lost first ARP request would cost a 1 s retry.
        Assert.That(_firstPing!.ExitCode, Is.EqualTo(0), _firstPing.Stdout + _firstPing.Stderr);
        var rtt = double.Parse(RttRegex().Match(_firstPing.Stdout).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(rtt, Is.LessThan(1000), "answered without an ARP retry: " + _firstPing.Stdout);
    }

    [Test, Order(1)]
    public void Linux_ping_crosses_the_virtual_switches()
    {
        var direct = DeliveredBytes("s1-s3");
        var detour = DeliveredBytes("s1-s2");
        // Big echoes (1442-byte frames), so they stand out from the controller's small LLDP probes on every link.
        var r = Netns.Exec("sdn-h1", TimeSpan.FromSeconds(10), "ping", "-c", "3", "-i", "0.2", "-W", "2", "-s", "1400", H2);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stdout + r.Stderr);
        Assert.That(r.Stdout, Does.Contain("3 received"));
        const int echoFrame = 14 + 20 + 8 + 1400;
        Assert.That(DeliveredBytes("s1-s3") - direct, Is.GreaterThanOrEqualTo(6 * echoFrame), "3 requests and 3 replies crossed the virtual link s1-s3");
        Assert.That(DeliveredBytes("s1-s2") - detour, Is.LessThan(echoFrame), "and none took the detour");
        var hosts = Net.RealHosts.Hosts;
        Assert.That(hosts.Select(h => h.Names.Namespace), Is.EquivalentTo(new[] { "sdn-h1", "sdn-h2" }));
        Assert.That(hosts.All(h => h.FramesFromHost >= 3 && h.FramesToHost >= 3), Is.True, "each namespace sent and received through its pcap port");
        Assert.That(hosts.All(h => h.InjectErrors == 0), Is.True);
    }

    [Test, Order(2)]
    public void Tcp_works_curl_fetches_from_an_http_server_in_the_other_namespace()
    {
        var python = RealHostRequirements.FindOnPath("python3");
        var curl = RealHostRequirements.FindOnPath("curl");
        if (python is null || curl is null) Assert.Ignore("real-host TCP test skipped: needs python3 (http.server) and curl");
        var dir = Directory.CreateTempSubdirectory("sdn-realhosts-www-");
        var token = Guid.NewGuid().ToString("N");
        File.WriteAllText(Path.Combine(dir.FullName, "hello.txt"), token);
        using var server = Netns.Start("sdn-h2", python!, "-m", "http.server", "8000", "--bind", H2, "--directory", dir.FullName);
        try
        {
            Netns.Result? r = null;
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                r = Netns.Exec("sdn-h1", TimeSpan.FromSeconds(8), curl!, "-sS", "--max-time", "5", $"http://{H2}:8000/hello.txt");
                if (r.ExitCode == 0) break;
                Thread.Sleep(200);   // the server may not listen yet
            }
            Assert.That(r!.ExitCode, Is.EqualTo(0), r.Stderr);
            Assert.That(r.Stdout, Is.EqualTo(token), "the file came through intact over TCP");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
            dir.Delete(recursive: true);
        }
    }

    [Test, Order(3)]
    public void A_failed_link_reroutes_a_running_ping_over_the_detour()
    {
        const int count = 150;   // 20 ms apart: 3 s
        using var ping = Netns.Start("sdn-h1", "ping", "-c", count.ToString(), "-i", "0.02", "-W", "1", H2);
        var stdout = ping.StandardOutput.ReadToEndAsync();
        var stderr = ping.StandardError.ReadToEndAsync();
        Thread.Sleep(1000);
        var detourBefore = Delivered("s2-s3");
        Net.OnLoop(n =>
        {
            n.SetLinkState("s1-s3", up: false);
            return 0;
        });
        Assert.That(ping.WaitForExit(TimeSpan.FromSeconds(15)), Is.True, "ping finishes");
        var output = stdout.Result;
        var replied = SequenceRegex().Matches(output).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.That(replied, Is.Not.Empty, output + stderr.Result);
        // Replies to the last third of the pings came after the failure, so over s1-s2-s3.
        Assert.That(replied.Max(), Is.GreaterThanOrEqualTo(count - 5), output);
        Assert.That(replied.Count(s => s > 2 * count / 3), Is.GreaterThanOrEqualTo(count / 3 - 5), "pings after the failure are answered: " + output);
        Assert.That(Delivered("s2-s3") - detourBefore, Is.GreaterThanOrEqualTo(2 * (count / 3)), "the echoes now cross the detour");
        Assert.That(Net.OnLoop(n => n.IsLinkUp("s1-s3")), Is.False);
    }

    [GeneratedRegex(@"time=([0-9.]+) ms")]
    private static partial Regex RttRegex();

    [GeneratedRegex(@"icmp_seq=(\d+)")]
    private static partial Regex SequenceRegex();
}
