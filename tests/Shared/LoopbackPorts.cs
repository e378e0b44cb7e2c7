using System.Net;
using System.Net.Sockets;

namespace SdnController.Testing;

/// <summary>Loopback ports for tests that start servers (metrics endpoint, Prometheus).</summary>
public static class LoopbackPorts
{
    /// <summary>A port free on 127.0.0.1 just now (the OS picks it; another process could still take it before use).</summary>
    public static int Free()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Hold a loopback port (to test "address in use"); dispose to release it.</summary>
    public static TcpListener Occupy(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }
}
