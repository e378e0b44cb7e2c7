namespace SdnController.VirtualNetwork.Links;

/// <summary>What one direction of a link is made of; both directions of a link share it.</summary>
public sealed record LinkParameters(TimeSpan Latency, double BandwidthBps, int QueueCapacityPackets, double LossRate)
{
    /// <summary>Milliseconds to ticks by rounding, so 0.01 ms is exactly 100 ticks rather than whatever the double gives.</summary>
    public static TimeSpan LatencyFromMilliseconds(double ms) =>
        TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));

    public void Validate(string linkId)
    {
        if (Latency < TimeSpan.Zero) throw new ArgumentException($"link '{linkId}': latency {Latency.TotalMilliseconds} ms is negative");
        if (!(BandwidthBps > 0) || double.IsInfinity(BandwidthBps))
            throw new ArgumentException($"link '{linkId}': bandwidth {BandwidthBps} bit/s must be a positive number");
        if (QueueCapacityPackets < 1) throw new ArgumentException($"link '{linkId}': queue capacity {QueueCapacityPackets} must be at least 1 packet");
        if (LossRate is < 0 or > 1 || double.IsNaN(LossRate)) throw new ArgumentException($"link '{linkId}': loss rate {LossRate} must be between 0 and 1");
    }
}
