using SdnController.VirtualNetwork.Hosts;
using SdnController.VirtualNetwork.Simulation;

namespace SdnController.RealHosts;

/// <summary>
/// One topology host played by a Linux namespace: frames its kernel sends (captured on the veth's switch side)
/// enter the virtual network as the host's, posted to the loop thread; frames the network delivers to the host
/// are injected into the veth.
/// </summary>
public sealed class RealHost : IExternalNic
{
    private readonly NamespaceHost _namespace;
    private readonly PcapPort _port;
    private readonly VirtualHost _host;
    private readonly EventLoop _loop;

    internal RealHost(VirtualHost host, EventLoop loop, NamespaceHost ns, PcapPort port)
    {
        _host = host;
        _loop = loop;
        _namespace = ns;
        _port = port;
        port.FrameReceived += FromKernel;
    }

    public string HostId => _host.Id;
    public RealHostNames Names => _namespace.Names;
    /// <summary>Frames the namespace sent into the virtual network.</summary>
    public long FramesFromHost => _port.FramesCaptured;
    /// <summary>Frames the virtual network delivered into the namespace.</summary>
    public long FramesToHost => _port.FramesInjected;
    /// <summary>Frames pcap could not inject (the veth went away).</summary>
    public long InjectErrors => _port.SendErrors;

    private void FromKernel(byte[] frame)
    {
        var host = _host;
        _loop.Post(() => host.SendFromNic(frame));
    }

    void IExternalNic.Transmit(byte[] frame) => _port.Send(frame);

    /// <summary>Stop capturing and remove the namespace and veth (idempotent).</summary>
    internal void Close()
    {
        _port.FrameReceived -= FromKernel;
        _port.Dispose();
        _namespace.Dispose();
    }
}
