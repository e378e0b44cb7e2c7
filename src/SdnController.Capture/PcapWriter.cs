using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;
using LinkType = SdnController.Classification.Decoding.LinkType;

namespace SdnController.Capture;

/// <summary>
/// Writes a classic pcap file (microsecond timestamps) through SharpPcap's <see cref="CaptureFileWriterDevice"/>
/// (libpcap's pcap_dump), so the result is exactly what tcpdump would write and opens in tshark/Wireshark unchanged.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    /// <summary>Frames longer than this are cut in the file (the wire length is still recorded).</summary>
    public const int SnapLength = 262144;

    private readonly CaptureFileWriterDevice _device;

    /// <summary>Creates (or truncates) <paramref name="path"/>, writing the pcap file header for <paramref name="link"/>.</summary>
    public PcapWriter(string path, LinkType link = LinkType.Ethernet)
    {
        Path = path;
        try
        {
            _device = new CaptureFileWriterDevice(path, FileMode.Create);
            _device.Open(new DeviceConfiguration { LinkLayerType = (LinkLayers)(int)link, Snaplen = SnapLength });
        }
        catch (DllNotFoundException e)
        {
            throw new CaptureException(LibPcap.MissingMessage, e);
        }
        catch (TypeInitializationException e) when (e.InnerException is DllNotFoundException)
        {
            throw new CaptureException(LibPcap.MissingMessage, e);
        }
        catch (PcapException e)
        {
            throw new CaptureException($"{path}: cannot write a pcap file ({e.Message.Trim()})", e);
        }
    }

    public string Path { get; }
    public long Frames { get; private set; }

    /// <param name="timestampMicros">Microseconds since the Unix epoch.</param>
    /// <param name="wireLength">Length on the wire; 0 = the frame's length.</param>
    public void Write(ReadOnlySpan<byte> frame, long timestampMicros, int wireLength = 0)
    {
        var captured = Math.Min(frame.Length, SnapLength);
        var header = new PcapHeader((uint)(timestampMicros / 1_000_000), (uint)(timestampMicros % 1_000_000),
            (uint)(wireLength > 0 ? wireLength : frame.Length), (uint)captured);
        _device.Write(frame[..captured], ref header);
        Frames++;
    }

    /// <summary>Flushes and closes the file (libpcap buffers writes).</summary>
    public void Dispose() => _device.Close();
}
