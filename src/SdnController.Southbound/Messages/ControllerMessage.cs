using System.Collections.Immutable;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Rules;

namespace SdnController.Southbound.Messages;

/// <summary>
/// A message from the controller to a switch. Xid pairs requests with replies (barrier, stats, errors);
/// messages on one channel are handled by the switch strictly in the order sent, like one OpenFlow TCP stream.
/// </summary>
public abstract record ControllerMessage(uint Xid);

public sealed record FeaturesRequest(uint Xid) : ControllerMessage(Xid);

public enum FlowModCommand
{
    /// <summary>Insert; replaces an entry with the same priority and match (counters reset).</summary>
    Add,
    /// <summary>Change the actions of the entry with exactly this priority and match (counters kept).</summary>
    ModifyStrict,
    /// <summary>Remove every entry whose cookie matches Rule.Cookie under CookieMask (mask 0 = every entry).</summary>
    Delete,
    /// <summary>Remove the entry with exactly this priority and match (and cookie under CookieMask).</summary>
    DeleteStrict,
}

public sealed record FlowMod(uint Xid, FlowModCommand Command, FlowRule Rule) : ControllerMessage(Xid)
{
    public ulong CookieMask { get; init; }
}

public enum GroupModCommand { Add, Modify, Delete }

public sealed record GroupMod(uint Xid, GroupModCommand Command, GroupEntry Group) : ControllerMessage(Xid);

/// <summary>The switch replies once every earlier message on the channel has taken effect.</summary>
public sealed record BarrierRequest(uint Xid) : ControllerMessage(Xid);

/// <summary>Inject a frame: run Actions on it as if it arrived on InPort (<see cref="PortNumbers.Controller"/> for none).</summary>
public sealed record PacketOut(uint Xid, ReadOnlyMemory<byte> Frame, int InPort, ImmutableArray<FlowAction> Actions)
    : ControllerMessage(Xid);

/// <summary>Every entry whose cookie matches under CookieMask (mask 0 = all).</summary>
public sealed record FlowStatsRequest(uint Xid) : ControllerMessage(Xid)
{
    public ulong Cookie { get; init; }
    public ulong CookieMask { get; init; }
}

public sealed record GroupDescRequest(uint Xid) : ControllerMessage(Xid);

public sealed record PortStatsRequest(uint Xid) : ControllerMessage(Xid);

/// <summary>Control-channel keepalive.</summary>
public sealed record EchoRequest(uint Xid) : ControllerMessage(Xid);
