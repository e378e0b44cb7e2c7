namespace SdnController.Topology.Model;

/// <summary>
/// Congestion-driven rerouting: flows move off links whose utilisation is above <see cref="Threshold"/>
/// (a fraction, 0.8 = 80%); counters are polled every <see cref="Interval"/>.
/// </summary>
public sealed record CongestionPolicy(double Threshold, TimeSpan Interval)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);
}
