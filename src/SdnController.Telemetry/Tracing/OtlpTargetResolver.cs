namespace SdnController.Telemetry.Tracing;

/// <summary>
/// Decides where OTLP spans go from the command line and the standard OpenTelemetry environment variables.
/// The flags win over the environment; the signal-specific variables win over the generic ones. No endpoint
/// anywhere means no OTLP export (we never send to the specification's default localhost:4317 unasked).
/// </summary>
/// <remarks>
/// The .NET exporter appends /v1/traces only to an endpoint it read from OTEL_EXPORTER_OTLP_ENDPOINT
/// itself; an endpoint set in code is used verbatim. We always set it in code, so this class applies the
/// specification's rule: a base endpoint (--otlp-endpoint, OTEL_EXPORTER_OTLP_ENDPOINT) gets "v1/traces"
/// appended to its path for http/protobuf; OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as given.
/// </remarks>
public static class OtlpTargetResolver
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string TracesEndpointVariable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string TracesProtocolVariable = "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL";
    public const string TracesPath = "v1/traces";

    /// <summary>
    /// The OTLP target, or null when neither the flags nor the environment name an endpoint.
    /// Throws <see cref="TelemetryConfigurationException"/> for a malformed URL or an unknown protocol.
    /// </summary>
    /// <param name="endpointFlag">--otlp-endpoint (a base endpoint; a path already ending in /v1/traces is kept).</param>
    /// <param name="protocolFlag">--otlp-protocol.</param>
    /// <param name="environment">Reads an environment variable (Environment.GetEnvironmentVariable in the CLI).</param>
    public static OtlpTarget? Resolve(string? endpointFlag, string? protocolFlag, Func<string, string?> environment)
    {
        var protocol = ResolveProtocol(protocolFlag, environment);
        if (endpointFlag is not null)
        {
            var uri = ParseEndpoint(endpointFlag, "--otlp-endpoint");
            var keep = uri.AbsolutePath.TrimEnd('/').EndsWith("/" + TracesPath, StringComparison.Ordinal);
            return new OtlpTarget(protocol == OtlpProtocol.HttpProtobuf && !keep ? AppendTracesPath(uri) : uri, protocol, "--otlp-endpoint");
        }
        if (Value(environment, TracesEndpointVariable) is { } traces)
            return new OtlpTarget(ParseEndpoint(traces, TracesEndpointVariable), protocol, TracesEndpointVariable);
        if (Value(environment, EndpointVariable) is { } base_)
        {
            var uri = ParseEndpoint(base_, EndpointVariable);
            return new OtlpTarget(protocol == OtlpProtocol.HttpProtobuf ? AppendTracesPath(uri) : uri, protocol, EndpointVariable);
        }
        if (protocolFlag is not null)
            throw new TelemetryConfigurationException($"--otlp-protocol needs an endpoint: give --otlp-endpoint URL (or set {EndpointVariable})");
        return null;
    }

    /// <summary>http://host:4318 → http://host:4318/v1/traces; http://host/otlp/ → http://host/otlp/v1/traces.</summary>
    public static Uri AppendTracesPath(Uri baseEndpoint)
    {
        var builder = new UriBuilder(baseEndpoint);
        builder.Path = builder.Path.EndsWith('/') ? builder.Path + TracesPath : builder.Path + "/" + TracesPath;
        return builder.Uri;
    }

    private static OtlpProtocol ResolveProtocol(string? flag, Func<string, string?> environment)
    {
        var (text, origin) = flag is not null ? (flag, "--otlp-protocol")
            : Value(environment, TracesProtocolVariable) is { } t ? (t, TracesProtocolVariable)
            : Value(environment, ProtocolVariable) is { } p ? (p, ProtocolVariable)
            : ((string?)null, "");
        // gRPC when nothing says otherwise: what the .NET exporter does, and Jaeger's and the collector's 4317.
        if (text is null) return OtlpProtocol.Grpc;
        if (OtlpProtocolNames.TryParse(text, out var protocol)) return protocol;
        var hint = text.Trim() == "http/json" ? " (the .NET OTLP exporter cannot send http/json)" : "";
        throw new TelemetryConfigurationException(
            $"{origin} must be '{OtlpProtocolNames.Grpc}' or '{OtlpProtocolNames.HttpProtobuf}', found '{text}'{hint}");
    }

    private static Uri ParseEndpoint(string text, string origin)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
            throw new TelemetryConfigurationException($"{origin} must be an http:// or https:// URL such as http://localhost:4317, found '{text}'");
        return uri;
    }

    // The specification treats an empty variable as unset.
    private static string? Value(Func<string, string?> environment, string name) =>
        environment(name) is { Length: > 0 } v && !string.IsNullOrWhiteSpace(v) ? v : null;
}
