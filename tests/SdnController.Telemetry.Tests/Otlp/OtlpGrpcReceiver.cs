using System.Buffers.Binary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SdnController.Telemetry.Tests.Otlp;

/// <summary>
/// An OTLP/gRPC collector stand-in: Kestrel with cleartext HTTP/2 (h2c) on 127.0.0.1, serving
/// /opentelemetry.proto.collector.trace.v1.TraceService/Export. Strips the 5-byte gRPC message prefix,
/// decodes the request, answers an empty ExportTraceServiceResponse with grpc-status 0 in the trailers.
/// </summary>
public sealed class OtlpGrpcReceiver : IAsyncDisposable
{
    public const string ExportPath = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    private readonly WebApplication _app;
    private readonly List<WireSpan> _spans = [];
    private readonly List<string> _problems = [];

    private OtlpGrpcReceiver(WebApplication app) => _app = app;

    public int Port { get; private set; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public IReadOnlyList<WireSpan> Spans { get { lock (_spans) return _spans.ToList(); } }
    public IReadOnlyList<string> Problems { get { lock (_spans) return _problems.ToList(); } }

    public static async Task<OtlpGrpcReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Port 0: the system picks a free port as Kestrel binds it, so no other process can take it in between.
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var receiver = new OtlpGrpcReceiver(app);
        app.MapPost(ExportPath, receiver.Export);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Port = new Uri(bound).Port;
        return receiver;
    }

    private async Task Export(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        lock (_spans)
        {
            if (context.Request.Protocol != "HTTP/2") _problems.Add($"protocol {context.Request.Protocol}");
            if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true) _problems.Add($"content type {context.Request.ContentType}");
            // gRPC message: 1 byte compressed flag, 4 bytes big-endian length, then the protobuf message.
            if (bytes.Length < 5 || bytes[0] != 0 || BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4)) != bytes.Length - 5)
                _problems.Add($"bad gRPC framing ({bytes.Length} bytes)");
            else
            {
                try
                {
                    _spans.AddRange(ProtobufTraceDecoder.Decode(bytes.AsSpan(5)));
                }
                catch (FormatException e)
                {
                    _problems.Add("undecodable body: " + e.Message);
                }
            }
        }
        context.Response.ContentType = "application/grpc";
        context.Response.DeclareTrailer("grpc-status");
        await context.Response.Body.WriteAsync(new byte[5]); // an empty ExportTraceServiceResponse
        context.Response.AppendTrailer("grpc-status", "0");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
