using SdnController.Capture;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Links;

namespace SdnController.Scenarios.Capture;

/// <summary>
/// Taps virtual links and writes one pcap per link (both directions in one file, in arrival order) through
/// SharpPcap. Frames are written as they crossed the wire, VLAN tags included. Timestamps: virtual time as time
/// since the Unix epoch (deterministic: the same run writes the same file), or the wall clock in real-time runs.
/// </summary>
public sealed class LinkCapture : ILinkTap, IDisposable
{
    private readonly Dictionary<VirtualLink, PcapWriter> _writers = new();
    private readonly List<LinkDirection> _tapped = new();
    private readonly List<CapturedLink> _files = new();
    private readonly bool _wallClock;

    private LinkCapture(bool wallClock) => _wallClock = wallClock;

    /// <summary>The files being written, in the order the links were resolved.</summary>
    public IReadOnlyList<CapturedLink> Files => _files;

    /// <param name="linkIds">Resolved ids (<see cref="LinkCaptureRequest.Resolve"/>): topology link ids or host ids.</param>
    /// <param name="wallClock">Real-time run: stamp frames with the wall clock instead of virtual time.</param>
    public static LinkCapture Start(SimulatedNetwork network, IReadOnlyList<string> linkIds, string directory, bool wallClock)
    {
        var capture = new LinkCapture(wallClock);
        try
        {
            Directory.CreateDirectory(directory);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in linkIds)
            {
                var link = FindLink(network, id);
                // Ids differing only in characters a file name cannot hold would share a file: number the later ones.
                var name = FileName(id);
                for (var n = 2; !names.Add(name); n++) name = $"{Path.GetFileNameWithoutExtension(FileName(id))}-{n}.pcap";
                var path = Path.Combine(directory, name);
                var writer = new PcapWriter(path);
                capture._writers.Add(link, writer);
                capture._files.Add(new CapturedLink(id, path, link, writer));
                capture.Attach(link.AToB);
                capture.Attach(link.BToA);
            }
        }
        catch
        {
            capture.Dispose();
            throw;
        }
        return capture;
    }

    public void Observe(LinkDirection direction, ReadOnlySpan<byte> frame, TimeSpan at)
    {
        var micros = _wallClock ? (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10 : at.Ticks / 10;
        _writers[direction.Link].Write(frame, micros);
    }

    /// <summary>Unhooks the taps and closes every file (libpcap flushes on close).</summary>
    public void Dispose()
    {
        foreach (var d in _tapped) if (ReferenceEquals(d.Tap, this)) d.Tap = null;
        _tapped.Clear();
        foreach (var w in _writers.Values) w.Dispose();
        _writers.Clear();
    }

    private void Attach(LinkDirection direction)
    {
        if (direction.Tap is not null && !ReferenceEquals(direction.Tap, this))
            throw new InvalidOperationException($"link '{direction.Link.Id}' is already tapped by something else");
        direction.Tap = this;
        _tapped.Add(direction);
    }

    private static VirtualLink FindLink(SimulatedNetwork network, string id)
    {
        foreach (var l in network.Links) if (l.Id == id) return l;
        foreach (var h in network.Hosts) if (h.Link.Id == id) return h.Link;
        throw new ArgumentException($"unknown link '{id}'");
    }

    /// <summary>The link id with anything a file name should not hold replaced, plus .pcap.</summary>
    public static string FileName(string linkId)
    {
        var chars = linkId.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] is '-' or '_' or '.')) chars[i] = '_';
        return new string(chars) + ".pcap";
    }
}

/// <summary>One link's capture file and the link it taps (its counters say how many frames the file must hold).</summary>
public sealed record CapturedLink(string LinkId, string Path, VirtualLink Link, PcapWriter Writer)
{
    public long Frames => Writer.Frames;
}
