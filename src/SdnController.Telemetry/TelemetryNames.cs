namespace SdnController.Telemetry;

/// <summary>
/// Names shared by everything that exports or reads sdnctl telemetry. The span names and attribute keys
/// are defined by the projects that emit them (ControllerTelemetry, RestorationSpans); the few the trace
/// reader needs to know are repeated here because this project must not depend on the controller.
/// </summary>
public static class TelemetryNames
{
    /// <summary>OpenTelemetry's service.name of everything sdnctl exports.</summary>
    public const string ServiceName = "sdnctl";

    public const string ServiceNameAttribute = "service.name";

    /// <summary>Where a span sits on the run's clock (virtual time in a --virtual run), in milliseconds.</summary>
    public const string VirtualStartMs = "sdn.virtual_time.start_ms";
    public const string VirtualEndMs = "sdn.virtual_time.end_ms";

    /// <summary>Our attribute prefix: the waterfall shows these attributes.</summary>
    public const string AttributePrefix = "sdn.";

    /// <summary>Root span names of a failure's trace (`--failure N` counts these).</summary>
    public static readonly IReadOnlyList<string> FailureRoots = ["link.failure", "switch.failure", "nfv.failure"];

    public static bool IsFailureRoot(string name)
    {
        foreach (var f in FailureRoots)
            if (f == name) return true;
        return false;
    }
}
