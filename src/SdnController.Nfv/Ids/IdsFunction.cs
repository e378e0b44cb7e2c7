using SdnController.Nfv.Functions;
using SdnController.Nfv.Packets;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Nfv.Ids;

/// <summary>
/// An intrusion detection system: each IPv4 packet's payload is searched for the signatures (in order,
/// the first match counts). A match raises an <see cref="IdsAlert"/> on the verdict; with <c>block</c> the
/// packet is dropped and every later packet of its flow, in both directions, too — for good, or for
/// <see cref="IdsConfig.BlockFor"/> from the offending packet (then the flow passes again, and a new offence blocks
/// it again). <see cref="Unblock"/> lifts a block early (the controller's operator did).
/// </summary>
/// <remarks>
/// Packets are inspected one by one (no stream reassembly): a pattern split across two segments is not
/// seen. Rule indexes are signatures. Non-IPv4 and cut-off frames pass: an IDS watches, it is not the
/// function that must fail closed (the firewall is).
/// </remarks>
public sealed class IdsFunction : NetworkFunction<IdsConfig>
{
    /// <summary>Blocked flows kept at most; beyond it new blocks still drop their packet and alert.</summary>
    public const int MaxBlockedFlows = 1 << 20;

    private sealed class Signature
    {
        public required string Id;
        public required byte[] Pattern;     // lower-cased when IgnoreCase
        public required bool IgnoreCase;
        public required CompiledMatch Match;
        public required bool AnyTuple;
    }

    private Signature[] _signatures = Array.Empty<Signature>();
    private bool _anyIgnoreCase;
    private bool _block;
    private TimeSpan? _blockFor;
    /// <summary>Blocked flow (each direction) → when its block ends (<see cref="TimeSpan.MaxValue"/>: never).</summary>
    private readonly Dictionary<FlowKey, TimeSpan> _blocked = new();
    private byte[] _lowered = new byte[2048];

    public IdsFunction(string id) : base(id) { }

    public override NfvKind Kind => NfvKind.Ids;
    public long AlertCount { get; private set; }
    /// <summary>Flows (each direction counted) blocked so far.</summary>
    public int BlockedFlowCount => _blocked.Count;

    /// <summary>Whether the flow is blocked at <paramref name="now"/>.</summary>
    public bool IsBlocked(in FlowKey flow, TimeSpan now) => _blocked.TryGetValue(flow, out var until) && now < until;

    /// <summary>Lifts the flow's block, both directions; the number of flow directions that were blocked (0 when none).</summary>
    public int Unblock(in FlowKey flow) => (_blocked.Remove(flow) ? 1 : 0) + (_blocked.Remove(flow.Reverse()) ? 1 : 0);

    /// <summary>Lifts every block; the number of flows (each direction counted) that were blocked.</summary>
    public int UnblockAll()
    {
        var n = _blocked.Count;
        _blocked.Clear();
        return n;
    }

    protected override void Apply(IdsConfig config, IdsConfig? previous)
    {
        _signatures = config.Signatures.Select(s => new Signature
        {
            Id = s.Id,
            Pattern = s.IgnoreCase ? Lower(s.Pattern) : s.Pattern,
            IgnoreCase = s.IgnoreCase,
            Match = new CompiledMatch(s.Protocol, Ipv4Cidr.Any, Ipv4Cidr.Any, s.SourcePorts, s.DestinationPorts),
            AnyTuple = s.Protocol == TransportProtocol.Any && s.SourcePorts.IsAny && s.DestinationPorts.IsAny,
        }).ToArray();
        _anyIgnoreCase = _signatures.Any(s => s.IgnoreCase);
        _block = config.Block;
        _blockFor = config.BlockFor;
        // Blocks are verdicts already given; turning blocking off lifts them.
        if (!_block) _blocked.Clear();
    }

    protected override IReadOnlyList<string> RuleNames(IdsConfig config) => config.Signatures.Select(s => s.Id).ToArray();

    protected override NfvVerdict ProcessFrame(Span<byte> frame, TimeSpan now, string? trafficClass)
    {
        if (PacketView.Parse(frame, out var v) != FrameClass.Ipv4) return NfvVerdict.Forward();
        var flow = v.Flow;
        if (_blocked.Count > 0 && _blocked.TryGetValue(flow, out var until))
        {
            if (now < until) return NfvVerdict.Drop(DropReason.Blocked);
            // Served its time: the flow passes again (inspected like any other, so a new offence blocks it anew).
            _blocked.Remove(flow);
            _blocked.Remove(flow.Reverse());
        }

        ReadOnlySpan<byte> payload = v.L4 >= 0
            ? frame.Slice(v.PayloadOffset, Math.Max(0, v.PayloadLength))
            : frame[(v.L3 + v.IpHeaderLength)..Math.Max(v.L3 + v.IpHeaderLength, v.IpEnd)];
        if (payload.IsEmpty) return NfvVerdict.Forward();
        ReadOnlySpan<byte> lowered = default;
        if (_anyIgnoreCase) lowered = Lower(payload);

        for (var i = 0; i < _signatures.Length; i++)
        {
            var s = _signatures[i];
            if (!s.AnyTuple && !s.Match.Matches(flow, v.HasPorts)) continue;
            if ((s.IgnoreCase ? lowered : payload).IndexOf(s.Pattern) < 0) continue;
            AlertCount++;
            var block = _block;
            // Ended blocks are forgotten when their flow comes back; flows that never do are swept when the table is full.
            if (block && _blocked.Count >= MaxBlockedFlows && _blockFor is not null) ForgetEnded(now);
            if (block && _blocked.Count < MaxBlockedFlows)
            {
                var end = _blockFor is { } t && TimeSpan.MaxValue - t > now ? now + t : TimeSpan.MaxValue;
                _blocked[flow] = end;
                _blocked[flow.Reverse()] = end;
            }
            var alert = new IdsAlert(Id, s.Id, flow, now, block);
            return block ? new NfvVerdict(NfvAction.Drop, i, DropReason.Blocked, alert) : new NfvVerdict(NfvAction.Forward, i, DropReason.None, alert);
        }
        return NfvVerdict.Forward();
    }

    private void ForgetEnded(TimeSpan now)
    {
        List<FlowKey>? ended = null;
        foreach (var (flow, until) in _blocked)
            if (now >= until) (ended ??= new List<FlowKey>()).Add(flow);
        if (ended is null) return;
        foreach (var flow in ended) _blocked.Remove(flow);
    }

    private ReadOnlySpan<byte> Lower(ReadOnlySpan<byte> payload)
    {
        if (_lowered.Length < payload.Length) _lowered = new byte[Math.Max(payload.Length, _lowered.Length * 2)];
        var span = _lowered.AsSpan(0, payload.Length);
        for (var i = 0; i < payload.Length; i++)
        {
            var b = payload[i];
            span[i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
        }
        return span;
    }

    private static byte[] Lower(byte[] pattern) =>
        pattern.Select(b => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b).ToArray();
}
