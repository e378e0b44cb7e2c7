using System.Collections.Immutable;
using SdnController.Southbound.Rules;

namespace SdnController.Southbound.Messages;

/// <summary>A message from a switch to the controller: a reply (same Xid as the request) or an event (Xid 0).</summary>
public abstract record SwitchMessage(uint Xid);

public sealed record FeaturesReply(uint Xid, ulong Dpid, ImmutableArray<PortDescription> Ports) : SwitchMessage(Xid);

public enum PortStatusReason { Add, Delete, Modify }

/// <summary>A port was added, removed, or changed state (link up/down). Not sent when a link dies silently.</summary>
public sealed record PortStatus(PortStatusReason Reason, PortDescription Port) : SwitchMessage(0);

public enum PacketInReason { NoMatch, Action, InvalidTtl }

public sealed record PacketIn(ReadOnlyMemory<byte> Frame, int InPort, PacketInReason Reason) : SwitchMessage(0)
{
    /// <summary>Cookie of the rule that sent it (0 for table-miss).</summary>
    public ulong Cookie { get; init; }
}

public enum FlowRemovedReason { IdleTimeout, HardTimeout, Delete, GroupDelete }

public sealed record FlowRemoved(FlowRule Rule, FlowRemovedReason Reason, ulong Packets, ulong Bytes, TimeSpan Duration)
    : SwitchMessage(0);

public sealed record BarrierReply(uint Xid) : SwitchMessage(Xid);

public sealed record FlowStats(FlowRule Rule, ulong Packets, ulong Bytes, TimeSpan Duration);

public sealed record FlowStatsReply(uint Xid, ImmutableArray<FlowStats> Flows) : SwitchMessage(Xid);

public sealed record GroupDescReply(uint Xid, ImmutableArray<GroupEntry> Groups) : SwitchMessage(Xid);

public sealed record PortStats(int PortNo, ulong RxPackets, ulong TxPackets, ulong RxBytes, ulong TxBytes, ulong TxDropped);

public sealed record PortStatsReply(uint Xid, ImmutableArray<PortStats> Ports) : SwitchMessage(Xid);

public sealed record EchoReply(uint Xid) : SwitchMessage(Xid);

public enum SouthboundErrorCode { BadRequest, BadMatch, BadAction, UnknownGroup, GroupExists, TableFull, PortDown, SwitchDown }

public sealed record ErrorReply(uint Xid, SouthboundErrorCode Code, string Text) : SwitchMessage(Xid);

/// <summary>The control channel to the switch opened or closed (a switch that is powered off closes it).</summary>
public sealed record ChannelStateChanged(bool Connected) : SwitchMessage(0);
