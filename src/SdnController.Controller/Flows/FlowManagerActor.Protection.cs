using System.Collections.Immutable;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Planning;
using SdnController.Controller.Routing;
using SdnController.Paths.Protection;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Flows;

/// <summary>Fast-failover protection: backups pre-installed per hop as fast-failover groups, rebuilt when they change.</summary>
public sealed partial class FlowManagerActor
{
    // ---- fast-failover protection ----------------------------------------------------------------

    /// <summary>Hops of protected flows (both directions) without a backup, kept up to date for the spans.</summary>
    private int _unprotectedHops;

    private static bool ProtectionWanted(ControllerOptions options, Topology.Model.Topology topology)
    {
        if (options.Protection) return true;
        foreach (var c in topology.Classes)
            if (c.Protection == true) return true;
        return false;
    }

    /// <summary>A flow's protection: its class's setting, else the controller's.</summary>
    private bool IsProtected(FlowSpec spec) =>
        (spec.Class is { } name ? _topology.FindClass(name)?.Protection : null) ?? _setup.Options.Protection;

    /// <summary>
    /// Every rule of the flow's current version along the path with its backups: at each hop with a backup the
    /// rule points to a fast-failover group (primary port first, the detour second) and the detour's switches get
    /// rules matching the flow's headers and the detour tag (see <see cref="ProtectionPlanner"/>).
    /// </summary>
    private void ClaimProtected(FlowRecord f, FlowPath p)
    {
        if (f.Version != 0) EnsureTagged(f);
        var n = p.Length;
        var slots = new RuleSlot[f.Reverse is null ? n : 2 * n];
        var protection = new FlowProtection { BuiltUnderFailure = _protector!.AnyFailed };
        var unprotected = ImmutableArray.CreateBuilder<UnprotectedHop>();
        protection.Forward = ClaimDirection(f, p, p, reverse: false, slots, protection, unprotected);
        if (f.Reverse is not null) protection.Reverse = ClaimDirection(f, p, p.Reversed(), reverse: true, slots, protection, unprotected);
        protection.Unprotected = unprotected.ToImmutable();
        _unprotectedHops += protection.Unprotected.Length;
        f.Slots = slots;
        f.Protection = protection;
        ClaimLinks(f, p);
    }

    /// <summary>One direction's rules, groups and detours; <paramref name="d"/> is the path in the direction's order.</summary>
    private HopBackup[] ClaimDirection(FlowRecord f, FlowPath p, FlowPath d, bool reverse, RuleSlot[] slots, FlowProtection protection,
        ImmutableArray<UnprotectedHop>.Builder unprotected)
    {
        var protector = _protector!;
        var planner = protector.Planner;
        var n = d.Length;
        var backups = n > 1 ? protector.BackupsOf(f.RoutingSlot, p, d, reverse) : [];
        var cookie = reverse ? f.ReverseCookie : f.ForwardCookie;
        var headers = reverse ? f.Reverse! : f.Forward;
        // The packet carries the version tag at every hop with a link after it (pushed at the ingress) in version 1.
        var packetTagged = f.Version != 0;
        var latencyMs = 0.0;
        for (var j = 0; j < n; j++)
        {
            var k = reverse ? n - 1 - j : j;
            int sw = d.Switches[j], inPort = d.InPorts[j], outPort = d.OutPorts[j];
            var role = RoleAt(f, n, k, reverse, out var tagged);
            ImmutableArray<FlowAction> actions;
            if (j < n - 1 && j < DetourTags.MaxHops && backups[j].Path is { } detour)
            {
                var group = _groups.ClaimSlot(sw, GroupType.FastFailover, planner.FailoverBuckets(inPort, outPort, packetTagged, f.Version, j, detour));
                protection.Groups.Add(group);
                actions = role == RuleRole.PushTag ? ProtectionPlanner.HopActions(role, group.GroupId) : group.Actions;
                var detourMatch = headers with { Vlan = VlanMatch.Id(DetourTags.For(f.Version, j)) };
                var detourId = _rules.InternMatch(detourMatch);
                _detourScratch.Clear();
                planner.DetourRules(detour, d.OutPorts[n - 1], _detourScratch);
                foreach (var rule in _detourScratch)
                    protection.Detours.Add(_rules.Claim(rule.SwitchIndex, detourId, detourMatch, cookie, rule.Actions));
                var detourMs = latencyMs;
                foreach (var l in detour.Links)
                {
                    protection.BackupLinks.Add(l);
                    detourMs += _linkLatencyMs[l];
                }
                protection.LongestDetourMs = Math.Max(protection.LongestDetourMs, detourMs);
                protection.ProtectedHops++;
            }
            else
            {
                actions = _planner.ActionsFor(inPort, outPort, role);
                if (j < n - 1)
                {
                    var reason = j >= DetourTags.MaxHops ? $"hop {j} is beyond the {DetourTags.MaxHops} detour tags" : backups[j].Reason ?? "no backup";
                    unprotected.Add(new UnprotectedHop(f.Spec.Id, reverse ? "reverse" : "forward",
                        reverse ? f.Spec.DestinationHost : f.Spec.SourceHost, reverse ? f.Spec.SourceHost : f.Spec.DestinationHost,
                        $"{_topology.Switches[sw].Id}-{_topology.Switches[d.Switches[j + 1]].Id}", reason));
                }
            }
            if (j < n - 1) latencyMs += _linkLatencyMs[d.Links[j]];
            slots[reverse ? n + k : k] = reverse
                ? tagged ? _rules.Claim(sw, f.Tagged!.ReverseId, f.Tagged.Reverse!, cookie, actions) : _rules.Claim(sw, f.ReverseId, f.Reverse!, cookie, actions)
                : tagged ? _rules.Claim(sw, f.Tagged!.ForwardId, f.Tagged.Forward, cookie, actions) : _rules.Claim(sw, f.ForwardId, f.Forward, cookie, actions);
        }
        return backups;
    }

    /// <summary>The flow gives up its groups and detour rules (its hop rules go with <see cref="ReleaseAll"/>).</summary>
    private void ReleaseProtection(FlowRecord f)
    {
        if (f.Protection is not { } protection) return;
        foreach (var slot in protection.Detours) _rules.Release(slot);
        foreach (var group in protection.Groups) _groups.Release(group);
        _unprotectedHops -= protection.Unprotected.Length;
        f.Protection = null;
    }

    /// <summary>Would the flow's backups along <paramref name="path"/> (its current route) differ from the ones it holds?</summary>
    private bool BackupsChanged(FlowRecord f, FlowPath path)
    {
        if (f.Protection is not { } held) return true;
        if (!SameBackups(held.Forward, _protector!.BackupsOf(f.RoutingSlot, path, path, reverse: false))) return true;
        return f.Reverse is not null && !SameBackups(held.Reverse!, _protector.BackupsOf(f.RoutingSlot, path, path.Reversed(), reverse: true));
    }

    private static bool SameBackups(HopBackup[] a, HopBackup[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
        {
            var (x, y) = (a[i].Path, b[i].Path);
            if (x is null || y is null)
            {
                if (x is not null || y is not null || a[i].Reason != b[i].Reason) return false;
                continue;
            }
            if (!x.Links.AsSpan().SequenceEqual(y.Links)) return false;
        }
        return true;
    }

    /// <summary>
    /// Protected flows whose backups may need rebuilding: after a failure those whose detours cross a failed
    /// link, after a restore those built while links were down (the restore may give them backups, or better ones).
    /// </summary>
    private void AddBackupCandidates(List<int> failedLinks, bool anyUp, long stamp, List<FlowRecord> candidates)
    {
        foreach (var f in _protector!.Flows)
        {
            if (f.Mark == stamp || f.Protection is not { } p) continue;
            var wanted = anyUp && p.BuiltUnderFailure;
            if (!wanted && failedLinks.Count > 0)
                foreach (var l in p.BackupLinks)
                    if (_protector.IsFailed(l) && failedLinks.Contains(l)) { wanted = true; break; }
            if (!wanted) continue;
            f.Mark = stamp;
            candidates.Add(f);
        }
    }

    /// <summary>Tells observers how protection stands (flows, fully protected ones, hops without a backup).</summary>
    private void ReportProtection()
    {
        var flows = _protector!.Flows;
        var full = 0;
        var unprotected = ImmutableArray.CreateBuilder<UnprotectedHop>(_unprotectedHops);
        foreach (var f in flows)
        {
            if (f.Protection is not { } p) continue;
            if (p.Unprotected.IsEmpty) full++;
            else unprotected.AddRange(p.Unprotected);
        }
        _setup.Observer.OnEvent(new ProtectionStatus(_setup.Clock.Now, flows.Count, full, unprotected.DrainToImmutable()));
    }
}
