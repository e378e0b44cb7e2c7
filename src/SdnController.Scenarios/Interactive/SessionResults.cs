using SdnController.Controller.Observation;
using SdnController.Southbound.Rules;
using SdnController.Telemetry.TraceFiles;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.Scenarios.Interactive;

// What each shell command found out. Times are session times: 0 = the moment the network was ready.

/// <summary>One port of a node and what is on its other end (PeerPort 0 = a host's only interface).</summary>
public sealed record PortView(int Port, string Peer, int PeerPort, string? LinkId, bool Up);

/// <summary>A switch or host with its ports, in topology order (`net`, `nodes`).</summary>
public sealed record NodeView(string Name, bool IsHost, bool Up, IReadOnlyList<PortView> Ports);

/// <summary>A switch-to-switch link (`links`); an end is live when its switch is up and has carrier.</summary>
public sealed record LinkView(string Id, string A, int APort, string B, int BPort, bool Up, bool ALive, bool BLive);

/// <summary>
/// A link or switch changed by hand and what the controller did about it: every reroute it completed
/// until it went quiet. Changed is false when the element was already in that state.
/// </summary>
public sealed record ChangeOutcome(string Description, TimeSpan At, bool Changed, IReadOnlyList<RerouteCompleted> Reactions, TimeSpan SettledAt)
{
    /// <summary>A reaction was expected but none came within the session's reaction limit.</summary>
    public bool TimedOut { get; init; }
    /// <summary>Why no reaction was expected, when none was (e.g. the far switch is down).</summary>
    public string? Note { get; init; }
}

/// <summary>One echo request of `ping`.</summary>
public sealed record EchoReply(int Sequence, bool Replied, TimeSpan RoundTrip);

public sealed record PingOutcome(string From, string To, string ToAddress, bool ControllerReachable, IReadOnlyList<EchoReply> Replies, TimeSpan At)
{
    public int Received
    {
        get
        {
            var n = 0;
            foreach (var r in Replies) if (r.Replied) n++;
            return n;
        }
    }
}

/// <summary>`pingall`: one row per source host, the destinations in topology order.</summary>
public sealed record PingAllRow(string From, IReadOnlyList<(string To, bool Replied)> Results);

public sealed record PingAllOutcome(IReadOnlyList<PingAllRow> Rows, int Sent, int Received, IReadOnlyList<string> SkippedHosts, TimeSpan At);

/// <summary>How a walk through the installed tables ended.</summary>
public enum WalkEnd { Delivered, WrongHost, TableMiss, Dropped, ToController, LinkDown, SwitchDown, Loop, Rewrites, Unwired }

/// <summary>One switch on a walked route: the port the packet entered by, the port it left by, the rule that sent it.</summary>
public sealed record RouteHop(string Switch, int InPort, int OutPort, int Priority, ulong Cookie);

/// <summary>The path a packet takes by the installed rules, from one host towards another.</summary>
public sealed record RouteWalk(string From, string To, IReadOnlyList<RouteHop> Hops, WalkEnd End, string? Detail, double LatencyMs);

/// <summary>`routes a b`: the ICMP echo's path both ways.</summary>
public sealed record RouteOutcome(RouteWalk Forward, RouteWalk Reverse, bool ControllerReachable, TimeSpan At)
{
    /// <summary>With ECMP on: the equal-cost paths between the hosts' switches over the links that carry traffic now (switch ids); empty otherwise.</summary>
    public IReadOnlyList<string[]> EqualCostPaths { get; init; } = [];
}

/// <summary>`flows s`: the switch's rules and groups as it holds them (none while it is powered off).</summary>
/// <remarks>ClockNow is the network clock, the one rules record their install time on (durations are measured on it).</remarks>
public sealed record FlowTableView(string Switch, bool Up, IReadOnlyList<FlowEntry> Flows, IReadOnlyList<GroupEntry> Groups, TimeSpan At, TimeSpan ClockNow);

/// <summary>`trace last`: the last topology change's trace, the reroute that closed it, and how many failure traces the session has.</summary>
public sealed record TraceOutcome(Trace Trace, RerouteCompleted Reroute, int FailureCount);

/// <summary>
/// A network function (`nfv`, `nfv F rules`): where it is, its state and applied version as the controller
/// knows them, and the counters it answered now (null when it could not: see CountersNote).
/// </summary>
public sealed record FunctionView(string Id, string Kind, string Attachment, string State, long AppliedVersion,
    Southbound.Nfv.FunctionPacketCounts? Counters, IReadOnlyList<Southbound.Nfv.FunctionRuleCounts> Rules, int Alerts)
{
    public string? Standby { get; init; }
    public string? CountersNote { get; init; }
}

/// <summary>A declared service chain (`chains`): its match and its functions in order, each with whether it is up.</summary>
public sealed record ChainView(string Id, string Match, IReadOnlyList<(string Function, bool Up)> Through)
{
    /// <summary>The chained flows' current routes, as the controller last installed them (in flow order).</summary>
    public IReadOnlyList<ChainFlowPath> Flows { get; init; } = Array.Empty<ChainFlowPath>();
}

/// <summary>A chained flow's path: switches with the functions in place, or the reason it fails closed (Path empty).</summary>
public sealed record ChainFlowPath(string FlowId, IReadOnlyList<string> Path, string? ClosedReason)
{
    /// <summary>For a flow to a load balancer's VIP: the path to each backend (receiver id, path); empty otherwise.</summary>
    public IReadOnlyList<ChainBranchPath> Branches { get; init; } = Array.Empty<ChainBranchPath>();
}

/// <summary>
/// One IDS block in force (`blocks`): its id, the flow, where its drop rules sit, which IDS and signature raised it,
/// since when (session time), until when (null: until lifted), and the packets its rules dropped (null: no switch
/// holding them could be read).
/// </summary>
public sealed record BlockView(long Id, string Flow, IReadOnlyList<string> Switches, string FunctionId, string Signature,
    TimeSpan Since, TimeSpan? ExpiresAt, long? PacketsDropped);

/// <summary>What `unblock` did: the blocks it lifted, and when the switches confirmed each removal (null: not in time).</summary>
public sealed record UnblockOutcome(IReadOnlyList<(BlockView Block, TimeSpan? ConfirmedAt)> Lifted, TimeSpan At);

/// <summary>
/// A flow the classifier labelled (`policy`): its 5-tuple as the controller names it, the latest label (protocol, how it
/// was found, class), the <c>policy:</c> entry taken (<c>#1 class=real-time</c>: 1-based, in file order, with its match; "-" when none matched), its action and
/// outcome, when the switches confirmed it (session time) and how many labels the flow has had.
/// </summary>
public sealed record PolicyFlowView(string Flow, string Protocol, string Method, string Class, string Entry, string Action, string Outcome,
    TimeSpan At, int Labels);
