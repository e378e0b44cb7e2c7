using System.Net;
using System.Net.Sockets;

namespace SdnController.Telemetry.Tests.Otlp;

/// <summary>
/// An OTLP/HTTP collector stand-in on 127.0.0.1: accepts POST application/x-protobuf on any path, records the
/// path and the decoded spans, answers 200 with an empty ExportTraceServiceResponse.
/// </summary>
public sealed class OtlpHttpReceiver : IDisposable
{
    private readonly HttpListener _listener;
    private readonly List<WireSpan> _spans = [];
    private readonly List<string> _paths = [];
    private readonly List<string> _problems = [];
    private readonly Task _loop;

    public OtlpHttpReceiver()
    {
        // HttpListener cannot bind port 0, so a free port is probed first; another process (parallel test runs)
        // may take it in between, which is retried with a fresh port rather than failing the test.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                listener.Start();
                _listener = listener;
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
        _loop = Task.Run(Loop);
    }

    public int Port { get; private set; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<WireSpan> Spans { get { lock (_spans) return _spans.ToList(); } }
    public IReadOnlyList<string> Paths { get { lock (_spans) return _paths.ToList(); } }
    public IReadOnlyList<string> Problems { get { lock (_spans) return _problems.ToList(); } }

    private async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                await Receive(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // One broken request (the exporter gave up on it) must not stop the receiver: later exports of the
                // same run would then time out too. It is a problem the test reports.
                lock (_spans) _problems.Add($"request failed: {e.Message}");
            }
        }
    }

    private async Task Receive(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        lock (_spans)
        {
            _paths.Add(context.Request.Url!.AbsolutePath);
            if (context.Request.HttpMethod != "POST") _problems.Add($"method {context.Request.HttpMethod}");
            if (context.Request.ContentType != "application/x-protobuf") _problems.Add($"content type {context.Request.ContentType}");
            try
            {
                _spans.AddRange(ProtobufTraceDecoder.Decode(body.ToArray()));
            }
            catch (FormatException e)
            {
                _problems.Add("undecodable body: " + e.Message);
            }
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-protobuf";
        context.Response.ContentLength64 = 0;
        context.Response.Close();
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
