namespace SdnController.Telemetry;

/// <summary>The resource every exported span and metric carries (OpenTelemetry's service.name).</summary>
public static class TelemetryNames
{
    public const string ServiceName = "sdnctl";
}
