using System.Diagnostics;
using SdnController.Controller.Telemetry;
using SdnController.Southbound.Nfv;

namespace SdnController.Controller.Nfv;

/// <summary>
/// The <c>nfv.failure</c> trace of one outage: opened when the instance reports itself down (with the
/// <c>failure.detect</c> child), it collects the pushes until the instance is up and configured again, then ends.
/// </summary>
internal sealed class FunctionFailureTrace
{
    private readonly Activity? _root;

    private FunctionFailureTrace(Activity? root, TimeSpan detectedAt)
    {
        _root = root;
        DetectedAt = detectedAt;
    }

    public TimeSpan DetectedAt { get; }
    public ActivityContext Context => _root?.Context ?? default;

    public static FunctionFailureTrace Start(FunctionEndpoint function, long appliedVersion, TimeSpan now)
    {
        var root = ControllerTelemetry.StartRoot(NfvTelemetry.Failure);
        if (root is not null)
        {
            root.SetTag(NfvTelemetry.FunctionId, function.Id);
            root.SetTag(NfvTelemetry.Kind, NfvTelemetry.KindName(function.Kind));
            root.SetTag(NfvTelemetry.AppliedVersion, appliedVersion);
            root.SetTag(ControllerTelemetry.DetectionMethod, NfvTelemetry.StatusDetection);
            root.SetTag(ControllerTelemetry.VirtualStartMs, now.TotalMilliseconds);
            using var detect = ControllerTelemetry.StartChild(ControllerTelemetry.FailureDetect, root.Context);
            detect?.SetTag(NfvTelemetry.FunctionId, function.Id);
            detect?.SetTag(ControllerTelemetry.DetectionMethod, NfvTelemetry.StatusDetection);
            detect?.SetTag(ControllerTelemetry.VirtualStartMs, now.TotalMilliseconds);
            detect?.SetTag(ControllerTelemetry.VirtualEndMs, now.TotalMilliseconds);
        }
        return new FunctionFailureTrace(root, now);
    }

    /// <summary>The instance is up and runs the desired version again: the outage is over.</summary>
    public void End(TimeSpan now, long version)
    {
        if (_root is null) return;
        _root.SetTag(NfvTelemetry.Version, version);
        _root.SetTag(NfvTelemetry.DownMs, (now - DetectedAt).TotalMilliseconds);
        _root.SetTag(ControllerTelemetry.VirtualEndMs, now.TotalMilliseconds);
        _root.Dispose();
    }

    /// <summary>The actor stops with the outage still open (the next incarnation starts its own trace).</summary>
    public void Abandon(TimeSpan now)
    {
        if (_root is null) return;
        _root.SetTag(ControllerTelemetry.VirtualEndMs, now.TotalMilliseconds);
        _root.Dispose();
    }
}
