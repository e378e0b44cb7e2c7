using System.Collections.Immutable;
using SdnController.Controller.Planning;
using SdnController.Controller.Routing;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Flows;

/// <summary>Claiming and releasing a flow's rules and groups (single path, tagged version, ECMP DAG), and the link → flows index.</summary>
public sealed partial class FlowManagerActor
{
    /// <summary>Two-phase update: the flow gives up every rule of its old version (the ingress one is claimed again with new actions).</summary>
    private void ReleaseAll(FlowRecord f, FlowPath old)
    {
        foreach (var slot in f.Slots!) _rules.Release(slot);
        foreach (var l in old.Links) _liveOnLink[l]--;
    }

    /// <summary>Every rule of the flow's current version along the path.</summary>
    private void ClaimVersion(FlowRecord f, FlowPath p)
    {
        EnsureTagged(f);
        var n = p.Length;
        var slots = new RuleSlot[f.Reverse is null ? n : 2 * n];
        for (var k = 0; k < n; k++)
        {
            slots[k] = ClaimAt(f, p, k, reverse: false);
            if (f.Reverse is not null) slots[n + k] = ClaimAt(f, p, k, reverse: true);
        }
        f.Slots = slots;
        ClaimLinks(f, p);
    }

    private void EnsureTagged(FlowRecord f)
    {
        if (f.Version == 0 || f.Tagged is not null) return;
        var forward = RulePlanner.Tagged(f.Forward);
        var reverse = f.Reverse is null ? null : RulePlanner.Tagged(f.Reverse);
        f.Tagged = new TaggedMatches(forward, _rules.InternMatch(forward), reverse, reverse is null ? -1 : _rules.InternMatch(reverse));
    }

    /// <summary>Gives up every rule, group and link listing of the flow's current route (single path or DAG).</summary>
    private void ReleaseAllOf(FlowRecord f)
    {
        if (f.Ecmp is not { } e)
        {
            ReleaseAll(f, f.Path!);
            return;
        }
        foreach (var slot in f.Slots!) _rules.Release(slot);
        if (f.GroupSlots is { } groups)
            foreach (var g in groups)
                if (g is not null) _groups.Release(g);
        f.GroupSlots = null;
        foreach (var l in e.Links) _liveOnLink[l]--;
    }

    /// <summary>
    /// Every rule of the flow's current version over the equal-cost DAG: a switch with one next hop outputs
    /// there, one with several points the rule to a select group (shared by content with other flows). The
    /// tagged version's ingress pushes the tag first; its egress pops it before the host port.
    /// </summary>
    private void ClaimEcmp(FlowRecord f, EcmpRoute e)
    {
        EnsureTagged(f);
        var m = e.Length;
        var size = f.Reverse is null ? m : 2 * m;
        var slots = new RuleSlot[size];
        var groups = new GroupSlot?[size];
        for (var i = 0; i < m; i++)
        {
            slots[i] = ClaimEcmpAt(f, e, i, reverse: false, ref groups[i]);
            if (f.Reverse is not null) slots[m + i] = ClaimEcmpAt(f, e, i, reverse: true, ref groups[m + i]);
        }
        f.Slots = slots;
        f.GroupSlots = groups;
        var index = (int)(f.Number - 1);
        foreach (var l in e.Links) ClaimLink(index, l);
    }

    private RuleSlot ClaimEcmpAt(FlowRecord f, EcmpRoute e, int i, bool reverse, ref GroupSlot? group)
    {
        var sw = e.Switches[i];
        var ports = e.OutPorts(i, reverse);
        bool ingress = i == (reverse ? e.EgressPosition : e.IngressPosition), egress = i == (reverse ? e.IngressPosition : e.EgressPosition);
        var role = f.Version == 0 ? RuleRole.Plain : ingress ? RuleRole.PushTag : egress ? RuleRole.PopTag : RuleRole.Plain;
        var tagged = f.Version != 0 && !ingress;
        ImmutableArray<FlowAction> actions;
        if (ports.Length == 1) actions = _planner.ActionsFor(-1, ports[0], role);
        else
        {
            var g = group = _groups.ClaimSlot(sw, GroupType.Select, e.Buckets(i, reverse));
            actions = role == RuleRole.PushTag ? g.ActionsAfter(PushVersion) : g.Actions;
        }
        return reverse
            ? tagged ? _rules.Claim(sw, f.Tagged!.ReverseId, f.Tagged.Reverse!, f.ReverseCookie, actions) : _rules.Claim(sw, f.ReverseId, f.Reverse!, f.ReverseCookie, actions)
            : tagged ? _rules.Claim(sw, f.Tagged!.ForwardId, f.Tagged.Forward, f.ForwardCookie, actions) : _rules.Claim(sw, f.ForwardId, f.Forward, f.ForwardCookie, actions);
    }

    /// <summary>The flow direction's rule of its current version at the path's k-th switch.</summary>
    private RuleSlot ClaimAt(FlowRecord f, FlowPath p, int k, bool reverse)
    {
        int sw = p.Switches[k];
        int inPort = reverse ? p.OutPorts[k] : p.InPorts[k], outPort = reverse ? p.InPorts[k] : p.OutPorts[k];
        var role = RoleAt(f, p.Length, k, reverse, out var tagged);
        var actions = _planner.ActionsFor(inPort, outPort, role);
        return reverse
            ? tagged ? _rules.Claim(sw, f.Tagged!.ReverseId, f.Tagged.Reverse!, f.ReverseCookie, actions) : _rules.Claim(sw, f.ReverseId, f.Reverse!, f.ReverseCookie, actions)
            : tagged ? _rules.Claim(sw, f.Tagged!.ForwardId, f.Tagged.Forward, f.ForwardCookie, actions) : _rules.Claim(sw, f.ForwardId, f.Forward, f.ForwardCookie, actions);
    }

    /// <summary>
    /// Role of a direction's rule at the k-th of n switches in the flow's current version, and whether it
    /// matches the tag: the tagged version's ingress pushes the tag (matching untagged headers), its egress
    /// pops it, every switch after the ingress matches it. The untagged version and one-switch paths are plain.
    /// </summary>
    private static RuleRole RoleAt(FlowRecord f, int n, int k, bool reverse, out bool tagged)
    {
        tagged = false;
        if (f.Version == 0 || n == 1) return RuleRole.Plain;
        var ingress = reverse ? k == n - 1 : k == 0;
        if (ingress) return RuleRole.PushTag;
        tagged = true;
        return (reverse ? k == 0 : k == n - 1) ? RuleRole.PopTag : RuleRole.Plain;
    }

    private static int IndexOfSwitch(FlowPath p, int sw)
    {
        var switches = p.Switches;
        for (var k = 0; k < switches.Length; k++)
            if (switches[k] == sw) return k;
        return -1;
    }

    private void ClaimLinks(FlowRecord f, FlowPath p)
    {
        var index = (int)(f.Number - 1);
        foreach (var l in p.Links) ClaimLink(index, l);
    }

    private void ClaimLink(int index, int l)
    {
        var list = _flowsOnLink[l];
        if (ReferenceEquals(list, NoFlows)) _flowsOnLink[l] = list = new List<int>();
        list.Add(index);
        if (list.Count > 2 * ++_liveOnLink[l] + 16) Compact(l);
    }

    /// <summary>The flows whose current path crosses the link, each once (the list is compacted to them).</summary>
    private List<int> FlowsOn(int link)
    {
        Compact(link);
        return _flowsOnLink[link];
    }

    private void Compact(int link)
    {
        var list = _flowsOnLink[link];
        if (list.Count == 0) return;
        var stamp = ++_linkStamp;
        var kept = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var index = list[i];
            var f = _flowsByIndex[index];
            if (f.LinkMark == stamp || f.Path is not { } p || !(f.Ecmp is { } e ? e.UsesLink(link) : p.Links.Contains(link))) continue;
            f.LinkMark = stamp;
            list[kept++] = index;
        }
        list.RemoveRange(kept, list.Count - kept);
        _liveOnLink[link] = kept;
    }
}
