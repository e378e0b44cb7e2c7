using SdnController.Classification.Decoding;

namespace SdnController.Capture.Tests;

public class PcapWriterTests
{
    [Test]
    public void FramesTimestampsAndWireLengthsReadBackUnchanged()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pcapwriter-{Guid.NewGuid():N}.pcap");
        try
        {
            var frames = new[] { new byte[60], new byte[64], new byte[1514] };
            for (var i = 0; i < frames.Length; i++)
                for (var j = 0; j < frames[i].Length; j++) frames[i][j] = (byte)(i * 31 + j);
            frames[1][12] = 0x81;   // a VLAN tag stays as written
            frames[1][13] = 0x00;
            long[] stamps = [0, 1_500_001, 86_400_000_000 + 7];
            using (var w = new PcapWriter(path))
            {
                w.Write(frames[0], stamps[0]);
                w.Write(frames[1], stamps[1]);
                w.Write(frames[2], stamps[2], wireLength: 9000);
                Assert.That(w.Frames, Is.EqualTo(3));
            }
            var read = new List<(byte[] Frame, LinkType Link, long Micros, int Wire)>();
            var stats = PcapFileReader.Read(path, (frame, link, micros, wire) => read.Add((frame.ToArray(), link, micros, wire)));
            Assert.That(stats.Frames, Is.EqualTo(3));
            for (var i = 0; i < 3; i++)
            {
                Assert.That(read[i].Frame, Is.EqualTo(frames[i]), $"frame {i}");
                Assert.That(read[i].Link, Is.EqualTo(LinkType.Ethernet));
                Assert.That(read[i].Micros, Is.EqualTo(stamps[i]), $"timestamp {i}");
            }
            Assert.That(read[2].Wire, Is.EqualTo(9000));
            Assert.That(read[0].Wire, Is.EqualTo(60));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void AnUnwritablePathIsACaptureErrorNamingIt()
    {
        var e = Assert.Throws<CaptureException>(() => new PcapWriter("/nonexistent-dir/x.pcap").Dispose());
        Assert.That(e!.Message, Does.Contain("/nonexistent-dir/x.pcap"));
    }
}
