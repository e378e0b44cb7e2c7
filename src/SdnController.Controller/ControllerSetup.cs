using SdnController.Controller.Observation;
using SdnController.Controller.Telemetry;
using SdnController.Southbound;
using SdnController.Southbound.Time;

namespace SdnController.Controller;

/// <summary>The immutable things every controller actor may read (never mutate).</summary>
public sealed record ControllerSetup(
    Topology.Model.Topology Topology,
    ISouthbound Southbound,
    ControllerOptions Options,
    IControllerObserver Observer)
{
    public IClock Clock => Southbound.Clock;

    /// <summary>Where the actors record metrics; a run passes its own, harnesses share the default.</summary>
    public ControllerMetrics Metrics { get; init; } = ControllerMetrics.Default;
}
