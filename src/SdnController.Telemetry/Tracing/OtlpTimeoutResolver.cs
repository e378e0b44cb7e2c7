using System.Globalization;

namespace SdnController.Telemetry.Tracing;

/// <summary>
/// How long one OTLP export may take, from the standard variables OTEL_EXPORTER_OTLP_TRACES_TIMEOUT and
/// OTEL_EXPORTER_OTLP_TIMEOUT (milliseconds; the signal-specific one wins), else the specification's 10 s.
/// </summary>
/// <remarks>
/// The .NET exporter would read these itself, but we set its timeout in code (it also bounds the run's final
/// flush), which hides them; so they are read here. A loaded machine or a distant collector needs more than
/// the default, and users must be able to say so the standard way.
/// </remarks>
public static class OtlpTimeoutResolver
{
    public const string TimeoutVariable = "OTEL_EXPORTER_OTLP_TIMEOUT";
    public const string TracesTimeoutVariable = "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT";

    /// <summary>The specification's default export timeout.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    // Larger values are surely mistakes, and would overflow the exporter's int milliseconds once doubled for the flush.
    private const int MaxMilliseconds = 3_600_000;

    /// <summary>The export timeout; throws <see cref="TelemetryConfigurationException"/> for a value that is not a positive whole number of milliseconds.</summary>
    public static TimeSpan Resolve(Func<string, string?> environment)
    {
        foreach (var name in (ReadOnlySpan<string>)[TracesTimeoutVariable, TimeoutVariable])
        {
            // The specification treats an empty variable as unset.
            if (environment(name) is not { } text || string.IsNullOrWhiteSpace(text)) continue;
            if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms <= 0 || ms > MaxMilliseconds)
                throw new TelemetryConfigurationException(
                    $"{name} must be a whole number of milliseconds between 1 and {MaxMilliseconds} (e.g. 10000), found '{text}'");
            return TimeSpan.FromMilliseconds(ms);
        }
        return Default;
    }
}
