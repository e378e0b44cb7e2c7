namespace SdnController.Telemetry.Tracing;

/// <summary>
/// Where OTLP spans go, fully resolved: for http/protobuf <see cref="Endpoint"/> is the URL the spans are
/// POSTed to (path included); for gRPC it is the server the Export call goes to.
/// <see cref="Origin"/> says which setting chose it ("--otlp-endpoint", an environment variable), for messages.
/// </summary>
public sealed record OtlpTarget(Uri Endpoint, OtlpProtocol Protocol, string Origin);
