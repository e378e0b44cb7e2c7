using System.Diagnostics;
using SharpPcap;
using SharpPcap.LibPcap;
using SdnController.Classification.Decoding;

namespace SdnController.Capture;

/// <summary>
/// Captures from a network interface through SharpPcap (libpcap) for a fixed time, handing every frame to a
/// <see cref="FrameHandler"/> on the calling thread. A missing interface, missing permission or bad BPF filter
/// becomes a <see cref="CaptureException"/> that says so.
/// </summary>
public static class LiveCapture
{
    /// <summary>How long one read waits for a frame, so the duration and cancellation are checked often enough.</summary>
    private const int ReadTimeoutMs = 100;

    public static CaptureStatistics Run(string interfaceName, string? filter, TimeSpan duration, FrameHandler handler, CancellationToken cancel = default)
    {
        var device = Find(interfaceName);
        try
        {
            device.Open(new DeviceConfiguration { Mode = DeviceModes.Promiscuous, ReadTimeout = ReadTimeoutMs, Snaplen = 65535 });
        }
        catch (PcapException e)
        {
            throw new CaptureException(OpenFailure(interfaceName, e.Message), e);
        }
        using (device)
        {
            if (!string.IsNullOrWhiteSpace(filter)) PcapFilter.Apply(device, filter);
            var link = (LinkType)(int)device.LinkType;
            long frames = 0, bytes = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration && !cancel.IsCancellationRequested)
            {
                GetPacketStatus status;
                PacketCapture capture;
                try
                {
                    status = device.GetNextPacket(out capture);
                }
                catch (PcapException e)
                {
                    throw new CaptureException($"capture on '{interfaceName}' failed: {e.Message.Trim()}", e);
                }
                if (status == GetPacketStatus.ReadTimeout) continue;
                if (status != GetPacketStatus.PacketRead) break;
                var data = capture.Data;
                var time = capture.Header.Timeval;
                frames++;
                bytes += data.Length;
                handler(data, link, (long)time.Seconds * 1_000_000 + (long)time.MicroSeconds,
                    capture.Header is PcapHeader pcap ? (int)pcap.PacketLength : data.Length);
            }
            return new CaptureStatistics(frames, bytes, device.LinkType.ToString());
        }
    }

    /// <summary>The interfaces libpcap can see (names as `--iface` takes them).</summary>
    public static IReadOnlyList<string> InterfaceNames()
    {
        try
        {
            return LibPcapLiveDeviceList.New().Select(d => d.Name).ToList();
        }
        catch (Exception e) when (e is DllNotFoundException || e.InnerException is DllNotFoundException)
        {
            throw new CaptureException(LibPcap.MissingMessage, e);
        }
        catch (PcapException e)
        {
            throw new CaptureException($"cannot list interfaces: {e.Message.Trim()}", e);
        }
    }

    private static LibPcapLiveDevice Find(string name)
    {
        List<LibPcapLiveDevice> devices;
        try
        {
            devices = LibPcapLiveDeviceList.New().ToList();
        }
        catch (Exception e) when (e is DllNotFoundException || e.InnerException is DllNotFoundException)
        {
            throw new CaptureException(LibPcap.MissingMessage, e);
        }
        catch (PcapException e)
        {
            throw new CaptureException($"cannot list interfaces: {e.Message.Trim()}", e);
        }
        var device = devices.FirstOrDefault(d => d.Name == name);
        if (device is null)
        {
            var names = string.Join(", ", devices.Select(d => d.Name).Where(n => n != "any").Order(StringComparer.Ordinal));
            throw new CaptureException($"interface '{name}' does not exist (available: {(names.Length == 0 ? "none visible to libpcap" : names)})");
        }
        return device;
    }

    private static string OpenFailure(string name, string message)
    {
        var m = message.Trim();
        return m.Contains("ermission", StringComparison.Ordinal) || m.Contains("not permitted", StringComparison.Ordinal)
            ? $"capture on '{name}' is not permitted: run as root or grant the capability (sudo setcap cap_net_raw,cap_net_admin=eip on the dotnet executable) ({m})"
            : $"cannot capture on '{name}': {m}";
    }
}
