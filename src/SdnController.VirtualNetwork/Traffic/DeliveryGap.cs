namespace SdnController.VirtualNetwork.Traffic;

/// <summary>
/// Packets FirstMissingSeq .. FirstMissingSeq + MissingCount - 1 had not arrived when a later one did.
/// ResumedAt - LastDeliveredAt is the receiver's view of the outage. A gap stays listed even if a reordered
/// packet fills part of it later (<see cref="HostFlow.Reordered"/> counts those).
/// </summary>
public sealed record DeliveryGap(long FirstMissingSeq, long MissingCount, TimeSpan LastDeliveredAt, TimeSpan ResumedAt)
{
    public TimeSpan Duration => ResumedAt - LastDeliveredAt;
}
