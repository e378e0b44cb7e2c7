namespace SdnController.Topology.Model.Nfv;

/// <summary>Token buckets; a packet is held to the first rule that applies to it.</summary>
public sealed record RateLimiterConfig(IReadOnlyList<RateLimitRule> Rules) : NfvConfig
{
    public override NfvKind Kind => NfvKind.RateLimiter;
}

public enum RateLimitAction
{
    Drop,
    /// <summary>Over-rate packets pass with their DSCP set to <see cref="RateLimitRule.Dscp"/>.</summary>
    Mark,
}

public enum RateUnit
{
    BitsPerSecond,
    PacketsPerSecond,
}

/// <summary>
/// A token bucket. <see cref="Class"/> limits the packets labelled with that traffic class (all of them
/// together, or each flow of it with <see cref="PerFlow"/>); with neither, all traffic. <see cref="Burst"/>
/// is in bytes for a bit rate and in packets for a packet rate.
/// </summary>
public sealed record RateLimitRule(double Rate, RateUnit Unit, double Burst, RateLimitAction Action)
{
    public const int DefaultDscp = 8;   // CS1, "lower effort": marked traffic is the first a congested queue drops

    public string? Class { get; init; }
    public bool PerFlow { get; init; }
    public int Dscp { get; init; } = DefaultDscp;

    /// <summary>The burst a rule gets when it states none: 100 ms at its rate, at least one full-size frame (or packet).</summary>
    public static double DefaultBurst(double rate, RateUnit unit) =>
        unit == RateUnit.BitsPerSecond ? Math.Max(1514, rate / 8 * 0.1) : Math.Max(1, rate * 0.1);
}
