using SdnController.Nfv.Functions;
using SdnController.Nfv.Packets;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Nfv.RateLimiting;

/// <summary>
/// Token buckets per traffic class (one shared by the class, or one per flow of it) or for all traffic.
/// A packet is held to the first rule whose class is its own (a rule without a class takes any packet);
/// over the rate it is dropped or marked (DSCP rewritten, checksum kept). The class comes from the
/// caller's classifier. Only IPv4 is limited; other frames pass.
/// </summary>
public sealed class RateLimiterFunction : NetworkFunction<RateLimiterConfig>
{
    private sealed class Rule
    {
        public required string? Class;
        public required bool PerFlow;
        public required bool Bytes;
        public required double Rate;        // bytes or packets per second
        public required double Capacity;    // bytes or packets
        public required bool Mark;
        public required int Dscp;
        public TokenBucket Shared;
        public readonly Dictionary<FlowKey, TokenBucket> PerFlowBuckets = new();
        public readonly IdleSweep Sweep = new();
        // A bucket idle this long is full again, the same as a new one: forgetting it loses nothing.
        public TimeSpan RefillTime => TimeSpan.FromSeconds(Capacity / Rate);
    }

    private Rule[] _rules = Array.Empty<Rule>();
    private bool _started;

    public RateLimiterFunction(string id) : base(id) { }

    public override NfvKind Kind => NfvKind.RateLimiter;

    protected override void Apply(RateLimiterConfig config, RateLimiterConfig? previous)
    {
        _rules = config.Rules.Select(r => new Rule
        {
            Class = r.Class,
            PerFlow = r.PerFlow,
            Bytes = r.Unit == RateUnit.BitsPerSecond,
            Rate = r.Unit == RateUnit.BitsPerSecond ? r.Rate / 8 : r.Rate,
            Capacity = r.Burst,
            Mark = r.Action == RateLimitAction.Mark,
            Dscp = r.Dscp,
        }).ToArray();
        _started = false;
    }

    protected override IReadOnlyList<string> RuleNames(RateLimiterConfig config) =>
        config.Rules.Select((r, i) => $"rule {i + 1}" + (r.Class is null ? "" : $" class {r.Class}") + (r.PerFlow ? " per flow" : "")).ToArray();

    protected override NfvVerdict ProcessFrame(Span<byte> frame, TimeSpan now, string? trafficClass)
    {
        if (PacketView.Parse(frame, out var v) != FrameClass.Ipv4) return NfvVerdict.Forward();
        if (!_started)
        {
            foreach (var r in _rules) r.Shared = TokenBucket.Full(r.Capacity, now);
            _started = true;
        }
        for (var i = 0; i < _rules.Length; i++)
        {
            var r = _rules[i];
            if (r.Class is not null && !string.Equals(r.Class, trafficClass, StringComparison.Ordinal)) continue;
            var cost = r.Bytes ? frame.Length : 1;
            bool conforms;
            if (r.PerFlow)
            {
                var flow = v.Flow;
                if (!r.PerFlowBuckets.TryGetValue(flow, out var bucket)) bucket = TokenBucket.Full(r.Capacity, now);
                conforms = bucket.TryTake(cost, r.Rate, r.Capacity, now);
                r.PerFlowBuckets[flow] = bucket;
                r.Sweep.MaybeSweep(r.PerFlowBuckets, static b => b.Last, now, r.RefillTime);
            }
            else conforms = r.Shared.TryTake(cost, r.Rate, r.Capacity, now);
            if (conforms) return NfvVerdict.Forward(i);
            if (!r.Mark) return NfvVerdict.Drop(DropReason.OverRate, i);
            FrameRewrite.SetDscp(frame, ref v, r.Dscp);
            return NfvVerdict.Rewritten(i);
        }
        return NfvVerdict.Forward();
    }
}
