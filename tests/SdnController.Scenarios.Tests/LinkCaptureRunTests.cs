using System.Diagnostics;
using SdnController.Capture;
using SdnController.Scenarios.Capture;

namespace SdnController.Scenarios.Tests;

/// <summary>`sdnctl run --capture`: the pcaps hold exactly what crossed each link, as sent (VLAN tags included).</summary>
public class LinkCaptureRunTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDirectory() => _dir = Directory.CreateTempSubdirectory("sdn-capture-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_dir, recursive: true);

    /// <summary>protected-ring: traffic, a link failure, and the controller's VLAN tags on protected paths.</summary>
    private ScenarioRun RunProtectedRing(params string[] links)
    {
        var topology = RunHarness.Sample("protected-ring");
        var options = new RunOptions { Capture = new LinkCaptureRequest(links, _dir) };
        var (_, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, options);
        return run;
    }

    [Test]
    public void EveryFileHoldsWhatItsLinkDeliveredInBothDirections()
    {
        using var run = RunProtectedRing(LinkCaptureRequest.All);
        var files = run.Capture!.Files;
        Assert.That(files, Has.Count.EqualTo(run.Network.Links.Count + run.Network.Hosts.Count));
        long tagged = 0, total = 0;
        foreach (var f in files)
        {
            long frames = 0, bytes = 0, last = long.MinValue;
            var ordered = true;
            var stats = PcapFileReader.Read(f.Path, (frame, link, micros, wire) =>
            {
                frames++;
                bytes += frame.Length;
                if (micros < last) ordered = false;
                last = micros;
                if (frame.Length > 14 && frame[12] == 0x81 && frame[13] == 0x00) tagged++;
            });
            var link = f.Link;
            Assert.That(stats.LinkType, Is.EqualTo("Ethernet"), f.Path);
            Assert.That(frames, Is.EqualTo(link.AToB.FramesDelivered + link.BToA.FramesDelivered), $"{f.LinkId}: frames in {f.Path}");
            Assert.That(bytes, Is.EqualTo(link.AToB.BytesDelivered + link.BToA.BytesDelivered), $"{f.LinkId}: bytes in {f.Path}");
            Assert.That(ordered, Is.True, $"{f.Path}: timestamps go back");
            // Virtual time: the run is seconds long, stamped from the Unix epoch.
            Assert.That(last, Is.LessThan(3600L * 1_000_000), $"{f.Path}: virtual-time stamps");
            total += frames;
        }
        Assert.That(total, Is.GreaterThan(1000), "the run's traffic was captured");
        Assert.That(tagged, Is.GreaterThan(0), "the controller's VLAN tags stay in the files");
    }

    [Test]
    public void OnlyTheAskedLinksAreTappedAndTheTapsAreRemovedAfterTheRun()
    {
        using var run = RunProtectedRing("h1");
        var files = Directory.GetFiles(_dir);
        Assert.That(files.Select(Path.GetFileName), Is.EqualTo(new[] { "h1.pcap" }));
        foreach (var l in run.Network.Links) Assert.That(l.AToB.Tap ?? l.BToA.Tap, Is.Null, l.Id);
        var h1 = run.Network.Hosts.Single(h => h.Link.Id == "h1").Link;
        Assert.That(run.Capture!.Files.Single().Frames, Is.EqualTo(h1.AToB.FramesDelivered + h1.BToA.FramesDelivered).And.GreaterThan(0));
    }

    [Test]
    public void UnknownLinkIsRefusedWithTheNearestId()
    {
        var topology = RunHarness.Sample("protected-ring");
        var request = LinkCaptureRequest.Parse("s1-s2, s1-sx", _dir, out _)!;
        Assert.That(request.Resolve(topology, out var error), Is.Null);
        Assert.That(error, Does.Contain("unknown link 's1-sx'").And.Contain("did you mean"));
        Assert.That(LinkCaptureRequest.Parse(" , ", null, out error), Is.Null);
        Assert.That(error, Does.Contain("at least one link"));
        Assert.Throws<RunFailedException>(() => new ScenarioRun(topology, null, [], new RunOptions { Capture = request }));
    }

    [Test]
    public void TsharkReadsTheFilesAndSeesTheProtocols()
    {
        var tshark = FindOnPath("tshark");
        if (tshark is null) Assert.Ignore("tshark is not installed (make setup installs it); the files were not checked with it");
        using var run = RunProtectedRing(LinkCaptureRequest.All);
        var protocols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in run.Capture!.Files)
        {
            var psi = new ProcessStartInfo(tshark, ["-r", f.Path, "-T", "fields", "-e", "frame.protocols"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var lines = 0;
            while (p.StandardOutput.ReadLine() is { } line)
            {
                lines++;
                foreach (var proto in line.Split(':')) protocols.Add(proto);
            }
            p.WaitForExit();
            var errors = string.Join("\n", stderr.Result.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("Running as user", StringComparison.Ordinal)));
            Assert.That(p.ExitCode, Is.Zero, $"tshark -r {f.Path}: {errors}");
            Assert.That(errors, Is.Empty, $"tshark -r {f.Path}");
            Assert.That(lines, Is.EqualTo(f.Frames), $"tshark's packet count for {f.Path}");
        }
        Assert.That(protocols, Is.SupersetOf(new[] { "eth", "vlan", "lldp", "arp", "ip", "udp" }), string.Join(",", protocols));
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
