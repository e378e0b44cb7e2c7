namespace SdnController.Topology.Traffic;

/// <summary>
/// What a declared flow's packets carry before the generator's own sequence number and send time (traffic
/// <c>payload:</c>): nothing, or the opening bytes of an application protocol so a classifier recognises the flow.
/// </summary>
public enum TrafficPayload
{
    /// <summary>Only the generator's stamp (the default).</summary>
    None,
    /// <summary>An RTP header (version 2, PCMU, fixed SSRC) whose sequence number counts the packets; UDP.</summary>
    Rtp,
    /// <summary>A DNS query for <c>example.org</c>; UDP.</summary>
    Dns,
    /// <summary>An SSH identification line (<c>SSH-2.0-...</c>); TCP.</summary>
    Ssh,
    /// <summary>A BitTorrent handshake (<c>\x13BitTorrent protocol</c>, info hash, peer id); TCP.</summary>
    BitTorrent,
}

public static class TrafficPayloads
{
    public static readonly IReadOnlyList<string> Names = new[] { "none", "rtp", "dns", "ssh", "bittorrent" };

    public static string Name(this TrafficPayload p) => Names[(int)p];

    /// <summary>The transport the payload's protocol runs over.</summary>
    public static TrafficKind KindOf(TrafficPayload p) => p is TrafficPayload.Ssh or TrafficPayload.BitTorrent ? TrafficKind.Tcp : TrafficKind.Udp;
}
