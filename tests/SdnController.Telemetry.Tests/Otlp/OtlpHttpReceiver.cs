using System.Net;
using System.Net.Sockets;

namespace SdnController.Telemetry.Tests.Otlp;

/// <summary>
/// An OTLP/HTTP collector stand-in on 127.0.0.1: accepts POST application/x-protobuf on any path, records the
/// path and the decoded spans, answers 200 with an empty ExportTraceServiceResponse.
/// </summary>
public sealed class OtlpHttpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<WireSpan> _spans = [];
    private readonly List<string> _paths = [];
    private readonly List<string> _problems = [];
    private readonly Task _loop;

    public OtlpHttpReceiver()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(Loop);
    }

    public int Port { get; }
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
