namespace SdnController.VirtualNetwork.Traffic;

/// <summary>
/// Outcome of one echo request. RoundTrip is the reply's arrival minus the request's send time (the timeout
/// when there was no reply). ForwardPath lists the switches the request crossed (empty if it never arrived).
/// </summary>
public sealed record PingResult(bool Replied, TimeSpan RoundTrip, int[] ForwardPath);
