using SharpPcap;
using SharpPcap.LibPcap;

namespace SdnController.RealHosts;

/// <summary>
/// The virtual switch's side of a real host's veth, opened with SharpPcap: a capture thread hands every frame
/// the host sent to <see cref="FrameReceived"/>, and <see cref="Send"/> injects frames towards the host.
/// </summary>
/// <remarks>
/// Only frames the host sent are taken. Capture and injection share one pcap handle, and Linux never loops a
/// packet socket's own transmissions back to it, so our injected frames are not seen; frames the root
/// namespace's stack itself sends on the interface carry the interface's own MAC and are skipped. (A BPF
/// <c>inbound</c> filter would say the same, but libpcap filters the frames already in its ring in user space
/// after a filter change, where <c>inbound</c> cannot be evaluated: the host's first frame was lost.) Immediate
/// mode hands each frame over as it arrives instead of waiting for a buffer to fill (a ping's round trip).
/// </remarks>
internal sealed class PcapPort : IDisposable
{
    private readonly LibPcapLiveDevice _device;
    private readonly byte[] _ownMac;
    private readonly Lock _sendGate = new();
    private long _sendErrors;
    private bool _closed;

    private PcapPort(LibPcapLiveDevice device, string name, byte[] ownMac)
    {
        _device = device;
        Name = name;
        _ownMac = ownMac;
    }

    public string Name { get; }
    /// <summary>Called on the capture thread with a copy of each frame the host sent.</summary>
    public event Action<byte[]>? FrameReceived;
    public long FramesCaptured { get; private set; }
    public long FramesInjected { get; private set; }
    public long SendErrors => Interlocked.Read(ref _sendErrors);

    public static PcapPort Open(string interfaceName)
    {
        LibPcapLiveDevice? device = null;
        try
        {
            // A fresh list: the interface was created after the process started.
            foreach (var d in LibPcapLiveDeviceList.New())
                if (d.Name == interfaceName) device = d;
        }
        catch (Exception e) when (e is DllNotFoundException or PcapException or TypeInitializationException)
        {
            throw new RealHostException($"cannot list capture interfaces through libpcap ({e.Message}); tools/setup.sh installs libpcap0.8");
        }
        if (device is null) throw new RealHostException($"libpcap does not see interface '{interfaceName}'");
        try
        {
            device.Open(new DeviceConfiguration
            {
                Mode = DeviceModes.Promiscuous,
                Immediate = true,
                ReadTimeout = 100,
                Snaplen = 65535,
            });
        }
        catch (PcapException e)
        {
            throw new RealHostException($"cannot open '{interfaceName}' for capture: {e.Message}");
        }
        var port = new PcapPort(device, interfaceName, OwnMac(interfaceName));
        device.OnPacketArrival += port.OnArrival;
        device.StartCapture();
        return port;
    }

    private void OnArrival(object sender, PacketCapture e)
    {
        var data = e.Data;
        // Sent by the root namespace's own stack on this interface, not by the host behind it.
        if (data.Length < 14 || data.Slice(6, 6).SequenceEqual(_ownMac)) return;
        FramesCaptured++;
        FrameReceived?.Invoke(data.ToArray());
    }

    /// <summary>The interface's own MAC (from sysfs), or six zero bytes when unreadable.</summary>
    private static byte[] OwnMac(string interfaceName)
    {
        try
        {
            var text = File.ReadAllText($"/sys/class/net/{interfaceName}/address").Trim();
            return Convert.FromHexString(text.Replace(":", "", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return new byte[6];
        }
    }

    /// <summary>Inject a frame towards the host (any thread). A failure is counted, never thrown: the host just misses the frame, as on a wire.</summary>
    public void Send(byte[] frame)
    {
        lock (_sendGate)
        {
            if (_closed) return;
            try
            {
                _device.SendPacket(frame);
                FramesInjected++;
            }
            catch (PcapException)
            {
                Interlocked.Increment(ref _sendErrors);
            }
        }
    }

    public void Dispose()
    {
        lock (_sendGate)
        {
            if (_closed) return;
            _closed = true;
        }
        _device.OnPacketArrival -= OnArrival;
        try
        {
            _device.StopCapture();
        }
        catch (PcapException)
        {
            // The interface may already be gone (Ctrl-C cleanup): nothing left to stop.
        }
        _device.Close();
    }
}
