namespace SdnController.VirtualNetwork.Links;

/// <summary>
/// Sees every frame a link direction delivers (e.g. `sdnctl run --capture` writing a pcap). Called on the loop
/// thread at the frame's arrival time, after the direction counted it, so what a tap sees matches
/// <see cref="LinkDirection.FramesDelivered"/>; frames dropped on the way (queue full, loss, link down) never arrive.
/// </summary>
public interface ILinkTap
{
    /// <param name="frame">The frame exactly as it crossed the wire (VLAN tags included); valid only during the call,
    /// since the next switch may rewrite it in place.</param>
    /// <param name="at">Loop time of the arrival.</param>
    void Observe(LinkDirection direction, ReadOnlySpan<byte> frame, TimeSpan at);
}
