using System.Net;
using System.Net.Sockets;
using SdnController.Classification;
using static SdnController.Testing.TestFrames;

namespace SdnController.Capture.Tests;

public class LiveCaptureTests
{
    [Test]
    public void MissingInterfaceIsAClearError()
    {
        var e = Assert.Throws<CaptureException>(() => LiveCapture.Run("no-such-if0", null, TimeSpan.FromMilliseconds(100), (_, _, _, _) => { }))!;
        Assert.That(e.Message, Does.StartWith("interface 'no-such-if0' does not exist (available: "));
    }

    [Test]
    public void CapturesAndClassifiesLoopbackTraffic()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            Assert.Ignore("live capture needs root (or CAP_NET_RAW) on Linux; skipping");
        var classifier = new Classifier();
        var port = FreeUdpPort();
        var capture = Task.Run(() => LiveCapture.Run("lo", $"udp port {port}", TimeSpan.FromSeconds(1.5),
            (frame, link, micros, wire) => classifier.Process(frame, link, micros, wire)));
        using (var client = new UdpClient())
        {
            // Send until the capture has certainly started (libpcap needs a moment to open the socket).
            for (var i = 0; i < 10; i++)
            {
                client.Send(DnsQuery("live.example.org", (ushort)i), new IPEndPoint(IPAddress.Loopback, port));
                Thread.Sleep(100);
            }
        }
        var stats = capture.GetAwaiter().GetResult();
        Assert.That(stats.Frames, Is.GreaterThan(0));
        // Not port 53, so not DNS: the flow exists, holds only our port, and a port guess has nothing to say.
        var flow = classifier.Report().Flows.Single();
        Assert.That(flow.Destination, Is.EqualTo($"127.0.0.1:{port}"));
        Assert.That(flow.Packets, Is.EqualTo(stats.Frames));
    }

    private static int FreeUdpPort()
    {
        using var s = new UdpClient(0);
        return ((IPEndPoint)s.Client.LocalEndPoint!).Port;
    }
}
