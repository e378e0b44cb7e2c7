namespace SdnController.Telemetry.Tracing;

/// <summary>A telemetry setting (command-line option or OTEL_* environment variable) is invalid; the message says which and why.</summary>
public sealed class TelemetryConfigurationException(string message) : Exception(message);
