using SdnController.Paths.Graph;
using SdnController.Topology.Model;

namespace SdnController.Controller;

public sealed record ControllerOptions
{
    /// <summary>Akka dispatcher for every controller actor; a virtual-time run uses the synchronized one on its event loop.</summary>
    public string Dispatcher { get; init; } = "akka.actor.default-dispatcher";
    /// <summary>Metric for flow paths, except flows whose traffic class sets its own (the topology's <c>classes:</c>).</summary>
    public PathMetric Metric { get; init; } = PathMetric.Latency;
    /// <summary>How often every switch port sends an LLDP probe (link discovery and keepalive).</summary>
    public TimeSpan LldpInterval { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>A link direction with no probe for LldpInterval × this is declared down (silent failures).</summary>
    public int LldpTimeoutMultiplier { get; init; } = 3;
    /// <summary>
    /// Flap damping: a link that comes back is kept out of routing until it has stayed up this long; going
    /// down again meanwhile restarts the wait. Zero uses a link again as soon as it is back.
    /// </summary>
    public TimeSpan HoldDown { get; init; }
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
    /// <summary>
    /// Reactive routing: IPv4 traffic no declared flow covers goes to the controller on its first packet,
    /// which routes it and installs its rules (declared traffic is installed ahead of time either way).
    /// </summary>
    public bool Reactive { get; init; }
    /// <summary>Reactive routing: first packets the controller holds for flows whose rules are not confirmed yet (more are dropped).</summary>
    public int MaxBufferedPackets { get; init; } = 65_536;
    /// <summary>Priority of controller flow rules for traffic (a flow's version-tagged rules take the next one up).</summary>
    public int FlowPriority { get; init; } = 1000;
    /// <summary>
    /// Per-packet consistent updates: a flow whose move is not provably safe as an ordered update takes the
    /// version-tagged two-phase update (see <see cref="Flows.UpdateMethodChooser"/>). Off makes every flow take
    /// the ordered update; only tests (to show the consistency check is real) and comparisons turn it off.
    /// Not a topology-file setting.
    /// </summary>
    public bool VersionedUpdates { get; init; } = true;
    /// <summary>
    /// The untagging pass: once no topology change has arrived for this long, flows a two-phase update left on the
    /// tagged version go back to the untagged one on their routes (one more two-phase update), so a repaired network
    /// ends with a fresh start's rules. Topology changes restart the wait. Zero turns it off. Not a topology-file setting.
    /// </summary>
    public TimeSpan UntagAfter { get; init; } = TimeSpan.FromMilliseconds(200);
    /// <summary>
    /// Spread flows over every equal-cost shortest path with select groups (<c>controller: {ecmp: on}</c>); a
    /// class's own <c>ecmp</c> wins for its flows, and flows with protection on are never spread.
    /// </summary>
    public bool Ecmp { get; init; }
    /// <summary>
    /// Congestion-driven rerouting (the file's <c>controller: {congestion: …}</c>): poll counters every
    /// Interval and move flows off link directions above Threshold (see <see cref="Congestion.CongestionMonitorActor"/>).
    /// Null (the default) is off: no monitor actor, no polling.
    /// </summary>
    public CongestionPolicy? Congestion { get; init; }
    /// <summary>
    /// Fast-failover protection for flows whose traffic class does not say (the <c>controller:</c> section's
    /// <c>protection</c>): backups pre-installed at every hop, taken by the switches when a port goes down.
    /// </summary>
    public bool Protection { get; init; }
    /// <summary>
    /// Durable state (<c>sdnctl run --state DIR</c>): the directory of the intent store. Every intent (declared flows,
    /// connectivity, flow labels, IDS blocks, backend health) is journaled there, and a controller started on it
    /// recovers them before any switch connects (see docs/reliability.md, "Durable state"). Null (the default): no
    /// persistence, nothing written.
    /// </summary>
    public string? StateDirectory { get; init; }
    /// <summary>Network function management: configuration push timeouts (see <see cref="Nfv.FunctionActor"/>).</summary>
    public Nfv.NfvOptions Nfv { get; init; } = new();

    /// <summary>The options a topology file asks for (its <c>controller:</c> section), the rest at their defaults.</summary>
    public static ControllerOptions For(Topology.Model.Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return new ControllerOptions().WithPolicy(topology.Controller);
    }

    /// <summary>
    /// These options with the <c>controller:</c> section's routing mode, detection settings, metric and
    /// congestion rerouting, ECMP and protection (ECMP spreads only flows without protection).
    /// </summary>
    public ControllerOptions WithPolicy(ControllerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return this with
        {
            Reactive = policy.Routing == RoutingMode.Reactive,
            Metric = ToPathMetric(policy.Metric),
            LldpInterval = policy.Detection.Interval,
            LldpTimeoutMultiplier = policy.Detection.Multiplier,
            HoldDown = policy.Detection.HoldDown,
            Ecmp = policy.Ecmp,
            Congestion = policy.Congestion,
            Protection = policy.Protection,
        };
    }

    /// <summary>
    /// The path metric of a file's metric name. Headroom (spare capacity) is, until the controller polls link
    /// utilisation, the headroom of an idle network: the inverse of link bandwidth, so wide links come first.
    /// </summary>
    public static PathMetric ToPathMetric(RouteMetric metric) => metric switch
    {
        RouteMetric.Hop => PathMetric.Hop,
        RouteMetric.Latency => PathMetric.Latency,
        RouteMetric.Cost => PathMetric.Cost,
        RouteMetric.Headroom => PathMetric.InverseBandwidth,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
    };
}
