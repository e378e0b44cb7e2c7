using System.Net;
using System.Net.Sockets;

namespace SdnController.Telemetry.Tests.Otlp;

/// <summary>
/// A collector that accepts connections and reads what is sent but never answers: what a hung or overloaded
/// collector looks like to the exporter, so only its timeout ends an export. Listens on a port the system
/// picks (bound before the constructor returns, so no other process can take it in between).
/// </summary>
public sealed class SilentCollector : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private int _requestBytes;

    public SilentCollector()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accept = Task.Run(AcceptLoop);
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Bytes received on all connections: proves the exporter did reach us (and so timed out waiting, not connecting).</summary>
    public int RequestBytes => Volatile.Read(ref _requestBytes);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            lock (_clients) _clients.Add(client);
            _ = Task.Run(() => Drain(client));
        }
    }

    private async Task Drain(TcpClient client)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var stream = client.GetStream();
            int n;
            while ((n = await stream.ReadAsync(buffer, _stop.Token)) > 0) Interlocked.Add(ref _requestBytes, n);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // The exporter gave up, or we are disposed.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
            foreach (var c in _clients) c.Dispose();
        try { _accept.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
