namespace SdnController.Classification.Detection;

/// <summary>
/// Per-flow scratch state of the detectors: how much has been inspected, and what multi-packet heuristics (RTP
/// sequence numbers, WireGuard receiver index, ...) have seen so far. A struct inside the flow: no allocation.
/// </summary>
internal struct DetectionState
{
    /// <summary>No more inspection: detected for good, or the budget is spent.</summary>
    public bool Done;
    public byte PayloadPacketsInspected;
    /// <summary>Packets still allowed after a detection that may be refined (STUN → DTLS, DNS answers).</summary>
    public byte RefineBudget;

    // RTP/RTCP: the stream seen so far in each direction (each sender has its own SSRC).
    public RtpTrack RtpFromClient;
    public RtpTrack RtpFromServer;
    public byte RtcpHits;

    // Protocols confirmed by two consistent packets (TFTP off port 69, uTP, WireGuard data, OpenVPN, ...).
    public AppProtocol Candidate;
    public byte CandidateHits;
    public uint CandidateToken;
}

/// <summary>One RTP sender's last SSRC and sequence number, and how many packets continued it.</summary>
internal struct RtpTrack
{
    public uint Ssrc;
    public ushort Sequence;
    public byte Hits;

    /// <summary>True once a packet continues the stream: same SSRC, sequence number a little ahead.</summary>
    public bool Continues(uint ssrc, ushort sequence)
    {
        if (Hits > 0 && Ssrc == ssrc)
        {
            var delta = (ushort)(sequence - Sequence);
            Sequence = sequence;
            return delta is >= 1 and <= 16 && ++Hits >= 2;
        }
        Ssrc = ssrc;
        Sequence = sequence;
        Hits = 1;
        return false;
    }
}
