namespace SdnController.VirtualNetwork;

/// <summary>How the simulated network behaves beyond what the topology states.</summary>
public sealed record NetworkOptions
{
    /// <summary>One way, controller ↔ switch.</summary>
    public TimeSpan ControlChannelLatency { get; init; } = TimeSpan.FromMilliseconds(0.5);
    /// <summary>Host ↔ switch access links (the topology states only switch-to-switch links).</summary>
    public TimeSpan HostLinkLatency { get; init; } = TimeSpan.FromMilliseconds(0.01);
    public double HostLinkBandwidthBps { get; init; } = 1e9;
    /// <summary>Per link direction, counting the frame being serialised.</summary>
    public int QueueCapacityPackets { get; init; } = 1000;
    /// <summary>Probability that a frame is lost crossing one switch-to-switch link (access links are lossless).</summary>
    public double LossRate { get; init; }
    /// <summary>Seeds the one random source of the network (loss), so a run repeats exactly.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>
    /// The switches' own liveness detection on switch-to-switch links (BFD run in the data plane, as Open vSwitch
    /// does per interface): this long after a silent failure both end ports stop being live for fast-failover
    /// buckets, with no port-status to the controller (which still learns of it by its keepalive timeout only).
    /// Null (the default): a silently failed link's ports look live until it comes back.
    /// </summary>
    public TimeSpan? LocalFailureDetection { get; init; }

    /// <summary>
    /// How long a network function holds a frame between taking it off its link and putting its verdict back
    /// on (a software function's per-packet cost); frames leave a function in the order they came.
    /// </summary>
    public TimeSpan FunctionProcessingLatency { get; init; } = TimeSpan.FromMilliseconds(0.02);
    /// <summary>
    /// True: every network function starts with its topology rules in force as version 1, for runs without a
    /// controller that configures them. False (the default): functions start unconfigured (version 0, dropping
    /// everything) until their configuration arrives through the southbound channel. A restarted function
    /// (scenario <c>nfv: F, state: up</c>) is always unconfigured.
    /// </summary>
    public bool PreconfigureFunctions { get; init; }

    internal void Validate()
    {
        if (FunctionProcessingLatency < TimeSpan.Zero) throw new ArgumentException($"function processing latency {FunctionProcessingLatency.TotalMilliseconds} ms is negative");
        if (ControlChannelLatency < TimeSpan.Zero) throw new ArgumentException($"control channel latency {ControlChannelLatency.TotalMilliseconds} ms is negative");
        if (HostLinkLatency < TimeSpan.Zero) throw new ArgumentException($"host link latency {HostLinkLatency.TotalMilliseconds} ms is negative");
        if (!(HostLinkBandwidthBps > 0) || double.IsInfinity(HostLinkBandwidthBps)) throw new ArgumentException($"host link bandwidth {HostLinkBandwidthBps} bit/s must be a positive number");
        if (QueueCapacityPackets < 1) throw new ArgumentException($"queue capacity {QueueCapacityPackets} must be at least 1 packet");
        if (LocalFailureDetection < TimeSpan.Zero) throw new ArgumentException($"local failure detection {LocalFailureDetection.Value.TotalMilliseconds} ms is negative");
        if (LossRate is < 0 or > 1 || double.IsNaN(LossRate)) throw new ArgumentException($"loss rate {LossRate} must be between 0 and 1");
    }
}
