using System.Net;
using System.Net.Sockets;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace SdnController.Telemetry.Metrics;

/// <summary>
/// Serves the named meters in Prometheus text format at http://HOST:PORT/metrics for as long as it lives:
/// an OpenTelemetry MeterProvider (resource service.name=sdnctl) with the Prometheus HttpListener exporter.
/// Loopback (127.0.0.1) by default: nothing outside the machine can scrape it unless the user asks.
/// </summary>
public sealed class MetricsEndpoint : IDisposable
{
    public const string DefaultHost = "127.0.0.1";
    public const string ScrapePath = "/metrics";

    private readonly MeterProvider _provider;

    private MetricsEndpoint(MeterProvider provider, Uri url)
    {
        _provider = provider;
        Url = url;
    }

    /// <summary>Where Prometheus scrapes, e.g. http://127.0.0.1:9464/metrics.</summary>
    public Uri Url { get; }

    /// <summary>
    /// Start serving <paramref name="meterNames"/> (Meter names; every meter of that name, also ones created
    /// later). <paramref name="host"/>: an IP address, "localhost", or "*" for every interface.
    /// Throws <see cref="MetricsEndpointException"/> (with a message for the user) when the address
    /// cannot be bound: port in use, not permitted, bad host.
    /// </summary>
    public static MetricsEndpoint Start(IEnumerable<string> meterNames, int port, string host = DefaultHost)
    {
        ArgumentNullException.ThrowIfNull(meterNames);
        if (port is < 1 or > 65535) throw new MetricsEndpointException($"metrics port must be between 1 and 65535, found {port}");
        var prefixHost = PrefixHost(host);
        var builder = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => r.AddService(TelemetryNames.ServiceName));
        foreach (var name in meterNames) builder.AddMeter(name);
        builder.AddPrometheusHttpListener(o =>
        {
            o.Host = prefixHost;
            o.Port = port;
            o.ScrapeEndpointPath = ScrapePath;
        });
        try
        {
            var provider = builder.Build();
            var shown = prefixHost == "+" ? "0.0.0.0" : prefixHost;
            return new MetricsEndpoint(provider, new Uri($"http://{shown}:{port}{ScrapePath}"));
        }
        catch (Exception e) when (Cause(e) is { } cause)
        {
            throw new MetricsEndpointException($"cannot serve metrics on {host}:{port}: {cause}", e);
        }
    }

    /// <summary>HttpListener's prefix host: IPv6 literals in brackets, "*" as its all-interfaces wildcard.</summary>
    private static string PrefixHost(string host)
    {
        if (host is "*" or "+" or "0.0.0.0") return "+";
        if (host == "localhost") return host;
        if (!IPAddress.TryParse(host, out var address))
            throw new MetricsEndpointException($"metrics host must be an IP address, 'localhost' or '*', found '{host}'");
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
    }

    /// <summary>The exporter wraps the listener's failure in InvalidOperationException; say what the OS said.</summary>
    private static string? Cause(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case HttpListenerException h when h.ErrorCode is 98 or 48 or 10048 || h.Message.Contains("in use", StringComparison.OrdinalIgnoreCase):
                    return "the address is already in use (another program, or another sdnctl, serves there); choose another port";
                case HttpListenerException h when h.ErrorCode is 13 or 5 || h.Message.Contains("denied", StringComparison.OrdinalIgnoreCase):
                    return "permission denied (ports below 1024 need privileges); choose a port from 1024 up";
                case HttpListenerException or SocketException:
                    return x.Message;
            }
        }
        return null;
    }

    public void Dispose() => _provider.Dispose();
}

/// <summary>The metrics endpoint could not start; the message is for the user (no stack trace).</summary>
public sealed class MetricsEndpointException : Exception
{
    public MetricsEndpointException(string message) : base(message) { }
    public MetricsEndpointException(string message, Exception inner) : base(message, inner) { }
}
