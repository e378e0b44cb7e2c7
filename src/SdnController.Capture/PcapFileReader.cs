using SharpPcap;
using SharpPcap.LibPcap;
using SdnController.Classification.Decoding;

namespace SdnController.Capture;

/// <summary>
/// Reads pcap and pcapng files through SharpPcap's <see cref="CaptureFileReaderDevice"/> (libpcap's
/// pcap_open_offline, which reads both formats) and hands every frame to a <see cref="FrameHandler"/> without copying.
/// </summary>
public static class PcapFileReader
{
    public static CaptureStatistics Read(string path, FrameHandler handler, string? filter = null)
    {
        if (!File.Exists(path)) throw new CaptureException($"{path}: no such file");
        CaptureFileReaderDevice device;
        try
        {
            device = new CaptureFileReaderDevice(path);
            device.Open();
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
            throw new CaptureException($"{path}: not a readable pcap/pcapng file ({e.Message.Trim()})", e);
        }
        using (device)
        {
            if (!string.IsNullOrWhiteSpace(filter)) PcapFilter.Apply(device, filter);
            var link = (LinkType)(int)device.LinkType;
            long frames = 0, bytes = 0;
            while (true)
            {
                GetPacketStatus status;
                PacketCapture capture;
                try
                {
                    status = device.GetNextPacket(out capture);
                }
                catch (PcapException e)
                {
                    throw new CaptureException($"{path}: read error after {frames} frames ({e.Message.Trim()})", e);
                }
                if (status != GetPacketStatus.PacketRead)
                {
                    if (status == GetPacketStatus.Error)
                        throw new CaptureException($"{path}: read error after {frames} frames (truncated or corrupt file?)");
                    break;
                }
                var header = capture.Header;
                var data = capture.Data;
                var time = header.Timeval;
                var micros = (long)time.Seconds * 1_000_000 + (long)time.MicroSeconds;
                frames++;
                bytes += data.Length;
                handler(data, link, micros, header is PcapHeader pcap ? (int)pcap.PacketLength : data.Length);
            }
            return new CaptureStatistics(frames, bytes, device.LinkType.ToString());
        }
    }
}
