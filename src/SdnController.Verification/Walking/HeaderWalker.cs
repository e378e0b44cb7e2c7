using SdnController.Topology.Model.Nfv;
using SdnController.Verification.Dump;

namespace SdnController.Verification.Walking;

/// <summary>
/// Follows one packet header through the installed rules, switch by switch, and returns every way it can end.
/// The walk branches wherever the data plane does: every live bucket of a select group (any may be picked by
/// the flow hash, so each must be right), every bucket of an "all" group, every output action. A function port
/// returns the frame on the same port; firewall, IDS and rate limiter pass it unchanged (the walk checks
/// forwarding, not the functions' verdicts), NAT and load balancer end the branch as "not followed".
/// </summary>
public sealed class HeaderWalker(DataPlane plane)
{
    /// <summary>More hops than any loop-free path can take in any network this tool runs.</summary>
    public const int MaxHops = 4096;
    private const int MaxGroupDepth = 8;

    private readonly record struct Emission(int Port, Header Header);

    private sealed class Branch(string sw, int inPort, Header header, List<WalkStep> path, List<string> functions, HashSet<(string, int, Header)> seen)
    {
        public string Switch = sw;
        public int InPort = inPort;
        public Header Header = header;
        public readonly List<WalkStep> Path = path;
        public readonly List<string> Functions = functions;
        public readonly HashSet<(string, int, Header)> Seen = seen;

        public Branch Fork(string sw2, int inPort2, Header h2) =>
            new(sw2, inPort2, h2, new List<WalkStep>(Path), new List<string>(Functions), new HashSet<(string, int, Header)>(Seen));
    }

    public List<WalkOutcome> Walk(string ingressSwitch, int ingressPort, Header header)
    {
        var outcomes = new List<WalkOutcome>();
        var stack = new Stack<Branch>();
        stack.Push(new Branch(ingressSwitch, ingressPort, header, [], [], []));
        var emissions = new List<Emission>();
        while (stack.Count > 0)
        {
            var b = stack.Pop();
            while (true)
            {
                if (Step(b, emissions, outcomes) is not { } next) break;
                // One emission continues this branch; the others fork (copies or alternatives).
                for (var i = 1; i < next.Count; i++)
                {
                    var fork = b.Fork(b.Switch, b.InPort, b.Header);
                    fork.Path[^1] = fork.Path[^1] with { OutPort = next[i].Port };
                    if (Follow(fork, next[i], outcomes)) stack.Push(fork);
                }
                if (!Follow(b, next[0], outcomes)) break;
            }
        }
        return outcomes;
    }

    /// <summary>Looks the packet up at its current switch; null when the branch ended there.</summary>
    private List<Emission>? Step(Branch b, List<Emission> scratch, List<WalkOutcome> outcomes)
    {
        var sw = plane.Switch(b.Switch);
        if (sw is null || !sw.Up)
        {
            End(b, outcomes, EndKind.DeadPort, $"switch {b.Switch} is {(sw is null ? "not in the dump" : "down")}");
            return null;
        }
        if (!b.Seen.Add((b.Switch, b.InPort, b.Header)) || b.Path.Count >= MaxHops)
        {
            b.Path.Add(new WalkStep(b.Switch, b.InPort, -1, 0));
            End(b, outcomes, EndKind.Loop, $"back at {b.Switch} port {b.InPort} with the same header");
            return null;
        }
        DumpRule? rule = null;
        foreach (var r in sw.Rules)
            if (r.Match.Matches(b.Header, b.InPort)) { rule = r; break; }
        b.Path.Add(new WalkStep(b.Switch, b.InPort, -1, rule?.Line ?? 0));
        if (rule is null)
        {
            End(b, outcomes, EndKind.TableMiss, $"no rule at {b.Switch} matches ({b.Header.Describe()}, in_port {b.InPort})");
            return null;
        }
        scratch.Clear();
        var toController = false;
        string? failure = null;
        Apply(sw, rule.Actions, b.Header, b.InPort, scratch, ref toController, ref failure, 0);
        if (failure is not null)
        {
            End(b, outcomes, EndKind.GroupFailed, $"{failure} (rule at line {rule.Line})");
            return null;
        }
        if (scratch.Count == 0)
        {
            var kind = toController ? EndKind.ToController : IsExplicitDrop(rule) ? EndKind.ExplicitDrop : EndKind.Dropped;
            End(b, outcomes, kind,
                $"{(toController ? "sent to the controller" : kind == EndKind.ExplicitDrop ? "dropped on purpose" : "dropped")} by the rule at line {rule.Line} of {b.Switch} (priority {rule.Priority}, cookie {rule.Cookie})");
            return null;
        }
        var result = new List<Emission>(scratch);
        b.Path[^1] = b.Path[^1] with { OutPort = result[0].Port };
        return result;
    }

    private static bool IsExplicitDrop(DumpRule rule)
    {
        foreach (var a in rule.Actions)
            if (a.Kind != ActionKind.Drop) return false;
        return true;
    }

    private void Apply(DumpSwitch sw, IReadOnlyList<DumpAction> actions, Header h, int inPort, List<Emission> emit,
        ref bool toController, ref string? failure, int depth)
    {
        foreach (var a in actions)
        {
            switch (a.Kind)
            {
                // OpenFlow switches never send a frame back out of the port it came in on unless the action
                // says IN_PORT: an output to that port number is dropped.
                case ActionKind.Output:
                    if ((int)a.Value != inPort) emit.Add(new Emission((int)a.Value, h));
                    break;
                case ActionKind.OutputInPort: emit.Add(new Emission(inPort, h)); break;
                case ActionKind.PushVlan: h = h with { InnerVlan = h.Vlan, Vlan = (int)a.Value }; break;
                case ActionKind.PopVlan: h = h with { Vlan = h.InnerVlan, InnerVlan = -1 }; break;
                case ActionKind.SetField: h = Set(h, a); break;
                case ActionKind.Controller: toController = true; break;
                case ActionKind.Drop: return;
                case ActionKind.Group:
                    if (!sw.Groups.TryGetValue((int)a.Value, out var g) || depth >= MaxGroupDepth)
                    {
                        failure = $"group {a.Value} does not exist on {sw.Id}";
                        return;
                    }
                    var any = false;
                    foreach (var bucket in g.Buckets)
                    {
                        // Select and fast-failover only use buckets whose watched port is up; all and indirect use every bucket.
                        if (g.Kind is GroupKind.Select or GroupKind.FastFailover && !plane.IsWatchLive(sw, bucket.WatchPort)) continue;
                        any = true;
                        Apply(sw, bucket.Actions, h, inPort, emit, ref toController, ref failure, depth + 1);
                        if (g.Kind is GroupKind.FastFailover or GroupKind.Indirect) break;
                    }
                    if (!any && g.Buckets.Count > 0 && g.Kind is GroupKind.Select or GroupKind.FastFailover)
                    {
                        failure = $"{(g.Kind == GroupKind.Select ? "select" : "fast-failover")} group {g.GroupId} on {sw.Id} has no live bucket";
                        return;
                    }
                    break;
            }
        }
    }

    private static Header Set(Header h, DumpAction a) => a.Field switch
    {
        HeaderField.EthSrc => h with { EthSrc = a.Value },
        HeaderField.EthDst => h with { EthDst = a.Value },
        // Setting the VLAN id on an untagged frame is undefined in OpenFlow; OVS ignores it. Model that.
        HeaderField.VlanVid => h.Vlan >= 0 ? h with { Vlan = (int)a.Value } : h,
        HeaderField.Ipv4Src => h with { Ipv4Src = (uint)a.Value },
        HeaderField.Ipv4Dst => h with { Ipv4Dst = (uint)a.Value },
        HeaderField.IpDscp => h with { Dscp = (int)a.Value },
        HeaderField.L4Src => h.L4Src >= 0 ? h with { L4Src = (int)a.Value } : h,
        _ => h.L4Dst >= 0 ? h with { L4Dst = (int)a.Value } : h,
    };

    /// <summary>Moves the branch across the port it was sent out of; false when it ended there.</summary>
    private bool Follow(Branch b, Emission e, List<WalkOutcome> outcomes)
    {
        b.Header = e.Header;
        var sw = plane.Switch(b.Switch)!;
        if (!sw.Ports.TryGetValue(e.Port, out var port))
        {
            End(b, outcomes, EndKind.DeadPort, $"{b.Switch} has no port {e.Port}");
            return false;
        }
        if (plane.FunctionAt(b.Switch, e.Port) is { } f)
        {
            if (!port.Up)
            {
                End(b, outcomes, EndKind.DeadPort, $"port {e.Port} of {b.Switch} (function {f.Id}) is down");
                return false;
            }
            b.Functions.Add(f.Id);
            if (f.Kind is NfvKind.Nat or NfvKind.LoadBalancer)
            {
                End(b, outcomes, EndKind.NotFollowed, $"entered {NfvKinds.Name(f.Kind)} {f.Id}, which rewrites headers; not followed");
                return false;
            }
            b.InPort = e.Port; // one-arm: back on the same port
            return true;
        }
        if (port.NeighborHost is { } host)
        {
            if (!port.Up)
            {
                End(b, outcomes, EndKind.DeadPort, $"port {e.Port} of {b.Switch} to host {host} is down");
                return false;
            }
            End(b, outcomes, EndKind.Delivered, $"delivered to {host}", host);
            return false;
        }
        if (port.NeighborSwitch is not { } next)
        {
            End(b, outcomes, EndKind.DeadPort, $"port {e.Port} of {b.Switch} leads nowhere");
            return false;
        }
        if (!plane.Carries(port))
        {
            var why = !port.Up ? "is down" : plane.IsLinkForcedDown(port.Link) ? "is taken down (--down)" : "is dead (silent failure)";
            End(b, outcomes, EndKind.DeadPort, $"link {port.Link ?? $"{b.Switch}:{e.Port}"} out of {b.Switch} port {e.Port} {why}");
            return false;
        }
        b.Switch = next;
        b.InPort = port.NeighborPort;
        return true;
    }

    private static void End(Branch b, List<WalkOutcome> outcomes, EndKind kind, string detail, string? host = null) =>
        outcomes.Add(new WalkOutcome(kind, host, b.Header, b.Path.ToArray(), b.Functions.ToArray(), detail));
}
