namespace SdnController.Topology.Model;

/// <summary>
/// How the controller notices failures, in BFD's terms: a keepalive (LLDP probe) every <see cref="Interval"/>,
/// a link declared down after <see cref="Multiplier"/> intervals without one, and flap damping: a link that
/// came back is used again only once it has stayed up for <see cref="HoldDown"/>.
/// </summary>
public sealed record DetectionPolicy(TimeSpan Interval, int Multiplier, TimeSpan HoldDown)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);
    public const int DefaultMultiplier = 3;
    /// <summary>Largest multiplier accepted, as for BFD's detect multiplier (an 8-bit field).</summary>
    public const int MaxMultiplier = 255;

    public static readonly DetectionPolicy Default = new(DefaultInterval, DefaultMultiplier, TimeSpan.Zero);

    /// <summary>
    /// Switch-local detection of silent failures (BFD run by the switches on their links, as Open vSwitch does
    /// when the controller enables it): a switch notices a silently failed link after this long and its
    /// fast-failover groups stop using the port. Null (default): switches notice only port-status failures.
    /// </summary>
    public TimeSpan? Bfd { get; init; }

    /// <summary>Silence after which a link is declared down: interval × multiplier.</summary>
    public TimeSpan DetectionTime => Interval * Multiplier;
}
