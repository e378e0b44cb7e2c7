using System.Numerics;

namespace SdnController.VirtualNetwork.Traffic;

/// <summary>
/// Live statistics of one traffic flow: what the sender sent and what the receiver got, per sequence number.
/// Updated on the loop thread as frames are sent and delivered; read it there too (or after the run).
/// </summary>
public sealed class HostFlow
{
    private ulong[] _received = new ulong[16];
    private readonly List<DeliveryGap> _gaps = new();
    private readonly List<PathChange> _pathChanges = new();
    private int[] _currentPath = Array.Empty<int>();
    private long _highestSeq = -1;

    internal HostFlow(int index, HostFlowSpec spec, int sourceHostIndex, int destinationHostIndex, int[]? receivers = null)
    {
        Index = index;
        Spec = spec;
        SourceHostIndex = sourceHostIndex;
        DestinationHostIndex = destinationHostIndex;
        _receivers = receivers;
        Prefix = PayloadBytes.Of(spec.Payload, index);
    }

    /// <summary>The application bytes every packet starts with; the sequence number and send time follow them.</summary>
    internal byte[] Prefix { get; }

    internal int SourceHostIndex { get; }
    /// <summary>The destination host, or -1 for a flow addressed to a function's service address (see <see cref="Receives"/>).</summary>
    internal int DestinationHostIndex { get; }
    private readonly int[]? _receivers;

    /// <summary>
    /// Is the host at <paramref name="hostIndex"/> this flow's receiver: its destination, or for a flow addressed to a
    /// load balancer's VIP or a NAT's port forward, one of the hosts the function rewrites the destination to.
    /// </summary>
    internal bool Receives(int hostIndex) => _receivers is null ? hostIndex == DestinationHostIndex : Array.IndexOf(_receivers, hostIndex) >= 0;

    /// <summary>Replies (TCP ACKs, echo replies) that reached the sender.</summary>
    public long RepliesDelivered => AcksReceived + RepliesReceived;

    /// <summary>Position in <see cref="SimulatedNetwork.Flows"/>; frames of this flow carry it as Packet.FlowIndex.</summary>
    public int Index { get; }
    public HostFlowSpec Spec { get; }
    public string Id => Spec.Id;

    public long Sent { get; private set; }
    /// <summary>Distinct sequence numbers that reached the receiver.</summary>
    public long Delivered { get; private set; }
    public long Duplicates { get; private set; }
    /// <summary>Arrived with a sequence number below the highest already seen.</summary>
    public long Reordered { get; private set; }
    /// <summary>Sent minus delivered: includes packets still in flight; see <see cref="LostBefore"/>.</summary>
    public long Lost => Sent - Delivered;
    public TimeSpan? FirstDeliveredAt { get; private set; }
    public TimeSpan? LastDeliveredAt { get; private set; }
    /// <summary>Highest sequence number delivered, or -1.</summary>
    public long HighestDeliveredSeq => _highestSeq;
    public IReadOnlyList<DeliveryGap> Gaps => _gaps;
    /// <summary>Switch indices the latest in-order packet crossed (empty before the first delivery).</summary>
    public IReadOnlyList<int> CurrentPath => _currentPath;
    public IReadOnlyList<PathChange> PathChanges => _pathChanges;

    /// <summary>TCP: ACK segments that reached the sender, and the highest byte acknowledged (relative to the first byte).</summary>
    public long AcksReceived { get; private set; }
    public long HighestAckedBytes { get; private set; }
    /// <summary>ICMP: echo replies that reached the sender.</summary>
    public long RepliesReceived { get; private set; }

    /// <summary>When packet <paramref name="seq"/> is (was) sent: Start + seq / rate, rounded to ticks, no accumulated drift.</summary>
    public TimeSpan SentAtOf(long seq) =>
        Spec.Start + TimeSpan.FromTicks((long)Math.Round(seq * (double)TimeSpan.TicksPerSecond / Spec.PacketsPerSecond));

    /// <summary>Packets sent strictly before <paramref name="sentBefore"/> that never arrived; excludes later ones that may still be in flight.</summary>
    public long LostBefore(TimeSpan sentBefore)
    {
        var count = Math.Min(Sent, SentCountBefore(sentBefore));
        return count - CountReceivedBelow(count);
    }

    /// <summary>Was packet <paramref name="seq"/> delivered?</summary>
    public bool WasDelivered(long seq)
    {
        if (seq < 0) return false;
        var word = seq >> 6;
        return word < _received.Length && (_received[word] & (1UL << (int)(seq & 63))) != 0;
    }

    internal void OnSent() => Sent++;

    internal void OnDelivered(long seq, TimeSpan now, ReadOnlySpan<int> hops)
    {
        if (seq < 0) return;
        var word = seq >> 6;
        if (word >= _received.Length)
        {
            var size = _received.Length;
            while (size <= word) size *= 2;
            Array.Resize(ref _received, (int)size);
        }
        var bit = 1UL << (int)(seq & 63);
        if ((_received[word] & bit) != 0)
        {
            Duplicates++;
            return;
        }
        _received[word] |= bit;
        Delivered++;
        FirstDeliveredAt ??= now;
        if (seq < _highestSeq)
        {
            Reordered++;
        }
        else
        {
            if (seq > _highestSeq + 1)
                _gaps.Add(new DeliveryGap(_highestSeq + 1, seq - _highestSeq - 1, LastDeliveredAt ?? Spec.Start, now));
            _highestSeq = seq;
            // Only in-order packets move the path, so a straggler from the old path does not flap it back.
            if (!hops.SequenceEqual(_currentPath))
            {
                _currentPath = hops.ToArray();
                _pathChanges.Add(new PathChange(now, _currentPath));
            }
        }
        LastDeliveredAt = now;
    }

    internal void OnAck(long ackedBytes)
    {
        AcksReceived++;
        if (ackedBytes > HighestAckedBytes) HighestAckedBytes = ackedBytes;
    }

    internal void OnReply() => RepliesReceived++;

    /// <summary>Number of sequence numbers whose send time is before <paramref name="t"/>.</summary>
    private long SentCountBefore(TimeSpan t)
    {
        if (t <= Spec.Start) return 0;
        // Estimate from the rate, then correct for tick rounding at the boundary.
        var n = (long)Math.Ceiling((t - Spec.Start).Ticks * Spec.PacketsPerSecond / TimeSpan.TicksPerSecond);
        while (n > 0 && SentAtOf(n - 1) >= t) n--;
        while (SentAtOf(n) < t) n++;
        return n;
    }

    private long CountReceivedBelow(long count)
    {
        long total = 0;
        var fullWords = count >> 6;
        for (long w = 0; w < fullWords && w < _received.Length; w++) total += BitOperations.PopCount(_received[w]);
        var rest = (int)(count & 63);
        if (rest != 0 && fullWords < _received.Length)
            total += BitOperations.PopCount(_received[fullWords] & ((1UL << rest) - 1));
        return total;
    }
}
