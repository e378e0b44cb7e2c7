using System.Collections.Immutable;
using SdnController.Southbound.Messages;

namespace SdnController.Controller.Congestion;

/// <summary>Congestion monitor → switch actor: read the switch's port and flow counters (one port-stats and one flow-stats request).</summary>
public sealed record PollCounters(long PollId);

/// <summary>Switch actor → congestion monitor: both counter replies of a poll, and when they arrived.</summary>
public sealed record CountersSampled(string SwitchId, long PollId, TimeSpan At, ImmutableArray<PortStats> Ports, ImmutableArray<FlowStats> Flows);

/// <summary>Clock → congestion monitor: start the next poll round.</summary>
internal sealed record CongestionPollTick;

/// <summary>
/// Congestion monitor → flow manager: what one poll round measured. DirectionBps[2·link] is the link's
/// A→B direction (bits per second sent into it by the A end's port), DirectionBps[2·link + 1] B→A; NaN
/// where not measured this round. CookieBps: each flow direction's rate by rule cookie (the largest over
/// the switches its rules are on, so the offered rate seen at its ingress). Measured over windows that
/// began at From or later and end by At. Read-only once sent.
/// </summary>
public sealed record LinkLoads(long PollId, TimeSpan From, TimeSpan At, double[] DirectionBps, Dictionary<ulong, double> CookieBps);
