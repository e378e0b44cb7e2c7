namespace SdnController.Scenarios.Benchmarks;

/// <summary>Settings of <see cref="RestoreBenchmark"/> (<c>sdnctl bench restore</c>).</summary>
public sealed record RestoreBenchmarkOptions
{
    /// <summary>Single link failures per network, each restored before the next.</summary>
    public int Failures { get; init; } = 20;
    public int Seed { get; init; } = 1;
    /// <summary>UDP flows between seeded host pairs (on different switches).</summary>
    public int Flows { get; init; } = 200;
    /// <summary>
    /// Packets per second of each flow. The first delivery on the new path is only resolved to one
    /// packet gap: at 1,000 pps the figure carries up to 1 ms of waiting for the next packet.
    /// </summary>
    public double PacketsPerSecond { get; init; } = 1000;
    /// <summary>Silent failures (no port-status; the keepalive timeout detects them) instead of port-status failures.</summary>
    public bool Silent { get; init; }
    /// <summary>Fast-failover protection on for every flow (backups pre-installed; the switches switch over themselves).</summary>
    public bool Protection { get; init; }
    /// <summary>
    /// With protection and silent failures: how long the switches take to notice a silent failure on their own
    /// (data-plane BFD; see <see cref="VirtualNetwork.NetworkOptions.LocalFailureDetection"/>). Without it a
    /// silently failed port looks live and no fast-failover bucket could switch.
    /// </summary>
    public TimeSpan LocalDetection { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Small frames, so that no link's queue (and so no queueing delay) enters the figure.</summary>
    public const int FrameBytes = 128;
    /// <summary>Traffic runs this long before the first failure (every flow delivering on its installed path).</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(50);

    public void Validate()
    {
        if (Failures < 1) throw new ArgumentException("--failures must be 1 or more");
        if (Flows < 1) throw new ArgumentException("--flows must be 1 or more");
        if (LocalDetection < TimeSpan.Zero) throw new ArgumentException("--local-detection must not be negative");
        if (!double.IsFinite(PacketsPerSecond) || PacketsPerSecond < 1 || PacketsPerSecond > 100_000)
            throw new ArgumentException("--rate must be between 1 and 100000 packets per second");
    }
}
