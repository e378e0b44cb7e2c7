using System.Collections.Immutable;
using Akka.Actor;
using SdnController.Southbound.Messages;

namespace SdnController.Controller.Congestion;

/// <summary>
/// A switch actor's one outstanding counter poll: the xids of its flow-stats and port-stats requests and
/// whichever reply came already. A newer poll replaces an unanswered one (its replies are then ignored).
/// </summary>
internal sealed class CounterPoll
{
    /// <summary>Flow cookies have a zero top byte; the switch actor's base rules do not (see <see cref="Planning.FlowCookie"/>).</summary>
    private const ulong FlowCookieMask = 0xFF00_0000_0000_0000;

    private readonly long _pollId;
    private readonly uint _flowXid;
    private readonly uint _portXid;
    private readonly IActorRef _requester;
    private ImmutableArray<FlowStats>? _flows;
    private ImmutableArray<PortStats>? _ports;

    private CounterPoll(long pollId, uint flowXid, uint portXid, IActorRef requester)
    {
        _pollId = pollId;
        _flowXid = flowXid;
        _portXid = portXid;
        _requester = requester;
    }

    /// <summary>The two requests of a poll (flow counters of controller flow rules only, and every port's counters).</summary>
    public static CounterPoll Start(long pollId, uint flowXid, uint portXid, IActorRef requester, out ControllerMessage[] requests)
    {
        requests = [new FlowStatsRequest(flowXid) { Cookie = 0, CookieMask = FlowCookieMask }, new PortStatsRequest(portXid)];
        return new CounterPoll(pollId, flowXid, portXid, requester);
    }

    /// <summary>Takes a reply of this poll; true when it was one (and sends the sample once both are in).</summary>
    public bool Accept(SwitchMessage m, string switchId, TimeSpan now, IActorRef self)
    {
        switch (m)
        {
            case FlowStatsReply f when f.Xid == _flowXid: _flows = f.Flows; break;
            case PortStatsReply p when p.Xid == _portXid: _ports = p.Ports; break;
            default: return false;
        }
        if (_flows is { } flows && _ports is { } ports)
            _requester.Tell(new CountersSampled(switchId, _pollId, now, ports, flows), self);
        return true;
    }
}
