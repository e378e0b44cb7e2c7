using System.Collections.Immutable;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork.Packets;

namespace SdnController.VirtualNetwork.Switching;

/// <summary>
/// TEMPORARY placeholder for the real datapath (built on feat/dp), so the fabric compiles and its tests run.
/// Supports exactly: FlowMod Add/Delete(all) with Match.InPort/EthDst/EthType and Output/ToController actions,
/// BarrierRequest, FeaturesRequest, EchoRequest, PacketOut with Output actions. Everything else → ErrorReply.
/// The lead drops this file at merge.
/// </summary>
public sealed class VirtualSwitch
{
    private readonly Dictionary<int, bool> _live = new();
    private readonly List<FlowRule> _rules = new();

    public VirtualSwitch(int index, string name, ulong dpid, IReadOnlyList<PortDescription> ports)
    {
        Index = index;
        Name = name;
        Dpid = dpid;
        Ports = ports;
        foreach (var p in ports) _live[p.PortNo] = p.LinkUp;
    }

    public int Index { get; }
    public string Name { get; }
    public ulong Dpid { get; }
    public IReadOnlyList<PortDescription> Ports { get; }
    public bool IsPortLive(int port) => _live.TryGetValue(port, out var up) && up;
    public TimeSpan? NextExpiry => null;

    public void Receive(Packet packet, int inPort, TimeSpan now, ISwitchOutput output)
    {
        packet.RecordHop(Index);
        if (packet.HopCount > Packet.HopLimit)
        {
            output.Dropped(packet, DropReason.HopLimit);
            return;
        }
        FlowRule? best = null;
        foreach (var r in _rules)
            if ((best is null || r.Priority > best.Priority) && Matches(r.Match, packet.Frame, inPort)) best = r;
        if (best is null)
        {
            output.Dropped(packet, DropReason.NoMatchingRule);
            return;
        }
        Apply(best.Actions, packet, inPort, output, best.Cookie);
    }

    public void Handle(ControllerMessage message, TimeSpan now, ISwitchOutput output)
    {
        switch (message)
        {
            case FeaturesRequest f:
                output.ToController(new FeaturesReply(f.Xid, Dpid, Ports.Select(p => p with { LinkUp = IsPortLive(p.PortNo) }).ToImmutableArray()));
                break;
            case FlowMod { Command: FlowModCommand.Add } fm:
                _rules.RemoveAll(r => r.Priority == fm.Rule.Priority && r.Match == fm.Rule.Match);
                _rules.Add(fm.Rule);
                break;
            case FlowMod { Command: FlowModCommand.Delete, CookieMask: 0 }:
                _rules.Clear();
                break;
            case BarrierRequest b:
                output.ToController(new BarrierReply(b.Xid));
                break;
            case EchoRequest e:
                output.ToController(new EchoReply(e.Xid));
                break;
            case PacketOut po:
                Apply(po.Actions, new Packet(-1, po.Frame.ToArray(), now), po.InPort, output, 0);
                break;
            default:
                output.ToController(new ErrorReply(message.Xid, SouthboundErrorCode.BadRequest, $"placeholder switch does not support {message.GetType().Name}"));
                break;
        }
    }

    public void SetPortLive(int port, bool live, bool notifyController, ISwitchOutput output)
    {
        _live[port] = live;
        if (!notifyController) return;
        var desc = Ports.FirstOrDefault(p => p.PortNo == port);
        if (desc is not null) output.ToController(new PortStatus(PortStatusReason.Modify, desc with { LinkUp = live }));
    }

    public void Expire(TimeSpan now, ISwitchOutput output) { }

    public void Reset() => _rules.Clear();

    private void Apply(ImmutableArray<FlowAction> actions, Packet packet, int inPort, ISwitchOutput output, ulong cookie)
    {
        var used = false;
        foreach (var a in actions)
        {
            var copy = used ? packet.Copy() : packet;
            used = true;
            switch (a)
            {
                case OutputAction o:
                    var port = o.Port == PortNumbers.InPort ? inPort : o.Port;
                    if (IsPortLive(port)) output.Transmit(port, copy);
                    else output.Dropped(copy, DropReason.PortDown);
                    break;
                case ToControllerAction:
                    output.ToController(new PacketIn(copy.Frame, inPort, PacketInReason.Action) { Cookie = cookie });
                    break;
                default:
                    output.Dropped(copy, DropReason.DropAction);
                    break;
            }
        }
        if (!used) output.Dropped(packet, DropReason.DropAction);
    }

    private static bool Matches(Match m, byte[] frame, int inPort)
    {
        if (m.InPort is { } p && p != inPort) return false;
        if (m.EthDst is { } d && MacAddress.FromBytes(frame.AsSpan(0, 6)) != d) return false;
        if (m.EthType is { } t && (frame[12] << 8 | frame[13]) != t) return false;
        return true;
    }
}
