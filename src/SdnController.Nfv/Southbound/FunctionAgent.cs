using System.Collections.Immutable;
using SdnController.Nfv.Functions;
using SdnController.Southbound.Nfv;

namespace SdnController.Nfv.Southbound;

/// <summary>
/// The management agent of one running function: answers the southbound's NFV requests against it. Every
/// driver that hosts functions (the virtual network, the bench's emulated switches, a real agent process)
/// answers the same way, so the controller sees one contract (docs/nfv.md).
/// </summary>
public static class FunctionAgent
{
    /// <summary>The reply to <paramref name="request"/>; applies a configuration as a side effect.</summary>
    public static FunctionMessage Handle(INetworkFunction function, FunctionRequest request)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(request);
        return request switch
        {
            ConfigureFunction c => Configure(function, c),
            FunctionStatusRequest s => new FunctionStatus(s.Xid, FunctionState.Up, function.AppliedVersion),
            FunctionCountersRequest k => Counters(function, k.Xid),
            LiftFunctionBlocks l => LiftBlocks(function, l),
            _ => throw new ArgumentException($"unknown network function request {request.GetType().Name}", nameof(request)),
        };
    }

    public static FunctionCountersReply Counters(INetworkFunction function, uint xid)
    {
        var c = function.Counters;
        var rules = ImmutableArray.CreateBuilder<FunctionRuleCounts>(c.Rules.Length);
        for (var i = 0; i < c.Rules.Length; i++)
            rules.Add(new FunctionRuleCounts(c.RuleNames[i], c.Rules[i].In, c.Rules[i].Out, c.Rules[i].Dropped));
        return new FunctionCountersReply(xid, function.AppliedVersion,
            new FunctionPacketCounts(c.Total.In, c.Total.Out, c.Total.Dropped), rules.MoveToImmutable());
    }

    public static FunctionAlert ToMessage(IdsAlert alert) =>
        new(alert.SignatureId, alert.Flow.ToString(), alert.Blocked, alert.At)
        {
            Tuple = new FunctionFlowTuple(alert.Flow.Source, alert.Flow.Destination, alert.Flow.SourcePort, alert.Flow.DestinationPort, alert.Flow.Protocol),
        };

    private static FunctionBlocksLifted LiftBlocks(INetworkFunction function, LiftFunctionBlocks request)
    {
        if (function is not Ids.IdsFunction ids) return new FunctionBlocksLifted(request.Xid, 0);
        if (request.Flow is not { } t) return new FunctionBlocksLifted(request.Xid, ids.UnblockAll());
        return new FunctionBlocksLifted(request.Xid, ids.Unblock(new Packets.FlowKey(t.Source, t.Destination, t.SourcePort, t.DestinationPort, t.Protocol)));
    }

    private static FunctionConfigured Configure(INetworkFunction function, ConfigureFunction request)
    {
        if (request.Config is null || request.Version < 1 || request.Config.Kind != function.Kind)
        {
            // Refused before touching the function: a bad push must not disturb the rules in force.
            var why = request.Config is null ? "no configuration"
                : request.Version < 1 ? $"configuration versions start at 1, got {request.Version}"
                : $"{Topology.Model.Nfv.NfvKinds.Name(function.Kind)} '{function.Id}' cannot apply a {Topology.Model.Nfv.NfvKinds.Name(request.Config.Kind)} configuration";
            return new FunctionConfigured(request.Xid, request.Version, ConfigureOutcome.Rejected, function.AppliedVersion) { Error = why };
        }
        var outcome = function.Configure(request.Version, request.Config) switch
        {
            ConfigureResult.Applied => ConfigureOutcome.Applied,
            ConfigureResult.AlreadyApplied => ConfigureOutcome.AlreadyApplied,
            _ => ConfigureOutcome.Stale,
        };
        return new FunctionConfigured(request.Xid, request.Version, outcome, function.AppliedVersion);
    }
}
