namespace SdnController.Telemetry.Tracing;

/// <summary>The OTLP transports the .NET exporter speaks (OTLP/HTTP JSON is not one of them).</summary>
public enum OtlpProtocol
{
    Grpc,
    HttpProtobuf,
}

/// <summary>The protocol names of the OpenTelemetry specification (OTEL_EXPORTER_OTLP_PROTOCOL, --otlp-protocol).</summary>
public static class OtlpProtocolNames
{
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    public static bool TryParse(string text, out OtlpProtocol protocol)
    {
        switch (text.Trim())
        {
            case Grpc:
                protocol = OtlpProtocol.Grpc;
                return true;
            case HttpProtobuf:
                protocol = OtlpProtocol.HttpProtobuf;
                return true;
            default:
                protocol = default;
                return false;
        }
    }

    public static string Name(OtlpProtocol protocol) => protocol == OtlpProtocol.Grpc ? Grpc : HttpProtobuf;
}
