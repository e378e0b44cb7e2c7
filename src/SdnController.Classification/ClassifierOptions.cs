namespace SdnController.Classification;

/// <summary>Thresholds of the traffic classes that depend on volume and behaviour rather than protocol.</summary>
public sealed record ClassifierOptions
{
    /// <summary>A flow of at least this many bytes is an elephant (bulk) whatever its protocol (except real-time/interactive/DNS).</summary>
    public long ElephantBytes { get; init; } = 10_000_000;

    /// <summary>...or of at least <see cref="ElephantMinBytes"/> at this average rate (bits/s) over its lifetime.</summary>
    public double ElephantBitsPerSecond { get; init; } = 8_000_000;

    public long ElephantMinBytes { get; init; } = 1_000_000;

    /// <summary>A source that sends unanswered probes to this many distinct destination ports/hosts is scanning (suspicious).</summary>
    public int ScanDistinctTargets { get; init; } = 16;

    /// <summary>
    /// Most flows tracked at once: a flood of new 5-tuples (a SYN flood with random ports, a scan of a /16) must not
    /// grow memory without bound. Packets of new flows beyond it are counted as untracked, not classified.
    /// </summary>
    public int MaxFlows { get; init; } = 1_000_000;

    /// <summary>
    /// Whether flows idle for their timeout leave the table (a later packet of the 5-tuple starts a new flow, classified
    /// afresh). Expired flows stay in <see cref="Classifier.Flows"/> and the report unless <see cref="RetainExpiredFlows"/> is off.
    /// </summary>
    public bool ExpireIdleFlows { get; init; } = true;

    /// <summary>An open TCP flow expires after this long without a packet.</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>A TCP flow that saw FIN both ways, or a RST, expires after this long without a packet (its last ACKs and retransmissions still count).</summary>
    public TimeSpan TcpClosedTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan UdpIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Every other flow (ICMP, ARP, GRE, ...).</summary>
    public TimeSpan OtherIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often (capture time) the table is swept for idle flows. A flow's own next packet is checked against its timeout
    /// exactly; the sweep only frees the memory of flows that never send again.
    /// </summary>
    public TimeSpan ExpirySweepInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Keep expired flows in <see cref="Classifier.Flows"/> (and so in the report and its totals). Off for long-running
    /// taps that only act on labels: an expired flow is then forgotten entirely and memory stays bounded by the active flows.
    /// </summary>
    public bool RetainExpiredFlows { get; init; } = true;

    public static ClassifierOptions Default { get; } = new();

    /// <summary>
    /// No idle expiry: one flow per 5-tuple for the whole capture, as ndpiReader counts a capture file (its SIP registration
    /// flows run 25 minutes with 150 s gaps). For reading files, whose length is known; live taps keep <see cref="Default"/>.
    /// </summary>
    public static ClassifierOptions WholeCapture { get; } = new() { ExpireIdleFlows = false };
}
