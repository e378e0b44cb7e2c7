using SdnController.Paths.Graph;

namespace SdnController.Controller;

public sealed record ControllerOptions
{
    /// <summary>Akka dispatcher for every controller actor; a virtual-time run uses the synchronized one on its event loop.</summary>
    public string Dispatcher { get; init; } = "akka.actor.default-dispatcher";
    /// <summary>Metric for flow paths.</summary>
    public PathMetric Metric { get; init; } = PathMetric.Latency;
    /// <summary>How often every switch port sends an LLDP probe (link discovery and keepalive).</summary>
    public TimeSpan LldpInterval { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>A link direction with no probe for LldpInterval × this is declared down (silent failures).</summary>
    public int LldpTimeoutMultiplier { get; init; } = 3;
    /// <summary>
    /// Before removing the rules only old paths used, wait until packets already on those paths arrived
    /// (their propagation latency plus a margin). Off only where a test drives the clock by hand.
    /// </summary>
    public bool DrainOldPaths { get; init; } = true;
    /// <summary>
    /// After the flow manager has been idle this long, collect the young GC generations so the next reroute
    /// starts with a fresh allocation budget (no collection pause inside it). Zero turns it off.
    /// </summary>
    public TimeSpan IdleCollectionDelay { get; init; } = TimeSpan.FromMilliseconds(10);
    /// <summary>
    /// Hold garbage collection off while a large network starts, until the initial install completes (see
    /// <see cref="Runtime.StartupCollectionHold"/>).
    /// </summary>
    public bool HoldCollectionsDuringStartup { get; init; } = true;
    /// <summary>Priority of controller flow rules for traffic.</summary>
    public int FlowPriority { get; init; } = 1000;
}
