using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Event;
using SdnController.Controller.Messages;
using SdnController.Controller.Planning;
using SdnController.Controller.Routing;
using SdnController.Controller.Telemetry;

namespace SdnController.Controller.Flows;

/// <summary>Link failures and restores: which flows move, by which update method, and their new rules.</summary>
public sealed partial class FlowManagerActor
{
    // ---- topology changes -----------------------------------------------------------------------

    private FlowUpdate StartTopologyChange(TopologyWork w)
    {
        var change = w.Change;
        var span = ControllerTelemetry.StartChild(ControllerTelemetry.RouteCompute, change.Trace);
        var virtualStart = _setup.Clock.Now;
        var anyUp = false;
        foreach (var c in change.Changes.IsDefault ? ImmutableArray<LinkChange>.Empty : change.Changes)
            anyUp |= c.Up;
        // Roots' generations in every service before the change: a restore re-checks a flow when its
        // root's tree changed in its own metric's service.
        long[][]? generations = null;
        if (anyUp)
        {
            generations = new long[_routings.Count][];
            for (var slot = 0; slot < generations.Length; slot++)
            {
                var routing = _routings[slot];
                var g = generations[slot] = new long[_flowsByRoot.Length];
                for (var r = 0; r < g.Length; r++) g[r] = routing.Generation(r);
            }
        }
        var treesBefore = _routings.TreesComputed;

        var affectedLinks = new List<int>();
        foreach (var c in change.Changes.IsDefault ? ImmutableArray<LinkChange>.Empty : change.Changes)
        {
            if ((uint)c.LinkIndex >= (uint)_topology.Links.Count)
            {
                _log.Warning("topology change for unknown link #{0} ('{1}') ignored", c.LinkIndex, c.LinkId);
                continue;
            }
            if (_routings.SetLinkState(c.LinkIndex, c.Up) && !c.Up) affectedLinks.Add(c.LinkIndex);
            _protector?.SetLinkState(c.LinkIndex, c.Up);
        }

        // Candidates: flows crossing a failed link, and (after a restore) every flow whose tree root
        // may route differently now. The stamp keeps each flow once.
        var stamp = ++_stamp;
        var candidates = new List<FlowRecord>(affectedLinks.Count == 0 ? 0 : _flowsOnLink[affectedLinks[0]].Count);
        foreach (var l in affectedLinks)
            foreach (var i in FlowsOn(l))
            {
                var f = _flowsByIndex[i];
                if (f.Mark != stamp) { f.Mark = stamp; candidates.Add(f); }
            }
        if (generations is not null)
            for (var slot = 0; slot < generations.Length; slot++)
            {
                var routing = _routings[slot];
                var g = generations[slot];
                for (var r = 0; r < g.Length; r++)
                {
                    if (routing.Generation(r) == g[r]) continue;
                    foreach (var f in _flowsByRoot[r])
                        if (f.RoutingSlot == slot && f.Mark != stamp) { f.Mark = stamp; candidates.Add(f); }
                }
            }
        // A link back may add an equal-cost branch without changing any tree: re-check every spreadable flow.
        if (anyUp)
            foreach (var f in _ecmpFlows)
                if (f.Mark != stamp) { f.Mark = stamp; candidates.Add(f); }
        // Protected flows whose backups crossed a failed link, or that lacked a backup before a restore, get
        // their backups rebuilt even when their path stays (the same stamp keeps each flow once).
        if (_protector is not null) AddBackupCandidates(affectedLinks, anyUp, stamp, candidates);

        // Release every old path before claiming any new one: flows sharing a match move together. Each
        // moved flow takes the ordered update when that is provably consistent, else the two-phase one.
        var moves = new List<(FlowRecord Flow, FlowPath? Path, EcmpRoute? Ecmp, UpdateMethod Method)>(candidates.Count);
        var versioned = _setup.Options.VersionedUpdates;
        var unreachable = ImmutableArray.CreateBuilder<string>();
        var drainMs = 0.0;
        var pairs = RoutePaths(candidates);
        var rebuilt = 0;
        foreach (var f in candidates)
        {
            var path = f.NewPath;
            f.NewPath = null;
            var ecmp = f.NewEcmp;
            f.NewEcmp = null;
            if (path is null) unreachable.Add(f.Spec.Id);
            if (ecmp is null && f.Ecmp is null)
            {
                var same = path is null ? f.Path is null : path.SameRoute(f.Path);
                if (same && !(f.Protected && path is not null && BackupsChanged(f, path))) continue;
                var method = UpdateMethod.Ordered;
                if (f.Protection is { } protection)
                {
                    // A protected flow moves whole, to its other version when versioned updates are on: its detours'
                    // tags carry the version, so old and new detours never share a rule while packets are on both.
                    drainMs = Math.Max(drainMs, Math.Max(LatencyMs(f.Path!), protection.LongestDetourMs));
                    ReleaseProtection(f);
                    ReleaseAll(f, f.Path!);
                    method = versioned ? UpdateMethod.TwoPhase : UpdateMethod.Ordered;
                    if (same) rebuilt++;
                }
                else if (f.Path is { } old)
                {
                    drainMs = Math.Max(drainMs, LatencyMs(old));
                    method = ReleaseMoved(f, old, path, versioned);
                }
                moves.Add((f, same ? f.Path : path, null, method));
                continue;
            }
            // Spread before or after: the same DAG needs nothing; else the flow gives up all its rules and
            // groups and takes the other version's (two-phase: consistent however many switches change).
            if (ecmp is not null && ecmp.SameAs(f.Ecmp)) continue;
            var twoPhaseMove = versioned && f.Path is not null && path is not null;
            if (f.Path is not null)
            {
                drainMs = Math.Max(drainMs, f.Ecmp?.MaxLatencyMs ?? LatencyMs(f.Path));
                ReleaseAllOf(f);
            }
            moves.Add((f, path, ecmp, twoPhaseMove ? UpdateMethod.TwoPhase : UpdateMethod.Ordered));
        }
        var rerouted = 0;
        var twoPhase = 0;
        var spreadMoved = 0;
        foreach (var (f, path, ecmp, method) in moves)
        {
            var old = f.Path;
            var moved = !ReferenceEquals(old, path);
            var wasSpread = f.Ecmp is not null;
            f.Path = path;
            f.Ecmp = path is null ? null : ecmp;
            if (wasSpread) _spreadFlows--;
            if (f.Ecmp is not null)
            {
                _spreadFlows++;
                spreadMoved++;
            }
            if (path is null)
            {
                f.Slots = null;
                f.GroupSlots = null;
                f.Version = 0;
                continue;
            }
            if (f.Protected)
            {
                if (method == UpdateMethod.TwoPhase) FlipVersion(f);
                ClaimProtected(f, path);
                if (!moved) continue;
                if (method == UpdateMethod.TwoPhase) twoPhase++;
                rerouted++;
                continue;
            }
            if (ecmp is not null || wasSpread)
            {
                // Everything was released above: claim the whole route, in the other version when two-phase.
                if (method == UpdateMethod.TwoPhase)
                {
                    FlipVersion(f);
                    twoPhase++;
                }
                if (ecmp is not null) ClaimEcmp(f, ecmp);
                else ClaimVersion(f, path);
                rerouted++;
                continue;
            }
            if (method == UpdateMethod.TwoPhase)
            {
                // The other version: its rules are adds (new tagged matches, or untagged ones the flow gave
                // up earlier), except the ingress, whose rule is replaced to stamp the new version.
                FlipVersion(f);
                ClaimVersion(f, path);
                twoPhase++;
            }
            else
            {
                ClaimMoved(f, old, path);
            }
            rerouted++;
        }
        var ordered = moves.Count - rebuilt - twoPhase;
        // Chained flows are in no link or root index: every change re-plans them whole (they are few), and a moved
        // one takes the two-phase update so each packet crosses the whole chain under one configuration.
        var (chainsMoved, chainDrainMs) = ReplanChains(-1);
        rerouted += chainsMoved;
        twoPhase += chainsMoved;
        drainMs = Math.Max(drainMs, chainDrainMs);
        var changes = CommitChanges();
        var sources = _routings.TreesComputed - treesBefore;
        var computedAt = _setup.Clock.Now;
        if (span is not null)
        {
            span.SetTag(ControllerTelemetry.Algorithm, _routing.AlgorithmName);
            if (_routings.Count > 1) span.SetTag(ControllerTelemetry.RouteMetrics, _routings.MetricNames);
            span.SetTag(ControllerTelemetry.AffectedFlows, moves.Count);
            span.SetTag(ControllerTelemetry.SourcesRecomputed, sources);
            span.SetTag(ControllerTelemetry.PairsRecomputed, pairs);
            span.SetTag(ControllerTelemetry.ReroutedFlows, rerouted);
            span.SetTag(ControllerTelemetry.UnreachableFlows, unreachable.Count);
            span.SetTag(ControllerTelemetry.UpdateMethod, MethodName(ordered, twoPhase));
            span.SetTag(ControllerTelemetry.OrderedFlows, ordered);
            span.SetTag(ControllerTelemetry.TwoPhaseFlows, twoPhase);
            if (_ecmpFlows.Count > 0) span.SetTag(ControllerTelemetry.EcmpFlows, spreadMoved);
            span.SetTag(ControllerTelemetry.VirtualStartMs, virtualStart.TotalMilliseconds);
            span.SetTag(ControllerTelemetry.VirtualEndMs, computedAt.TotalMilliseconds);
            if (_protector is not null)
            {
                span.SetTag(ControllerTelemetry.ProtectionRebuilt, rebuilt);
                span.SetTag(ControllerTelemetry.ProtectionUnprotectedHops, _unprotectedHops);
            }
            StopSpan(span);
        }
        if (_protector is not null && moves.Exists(static m => m.Flow.Protected)) ReportProtection();
        return new FlowUpdate(w, changes, change.Trace)
        {
            Affected = moves.Count - rebuilt + chainsMoved,
            Rerouted = rerouted,
            OrderedFlows = ordered,
            TwoPhaseFlows = twoPhase,
            Drain = DrainAfter(drainMs),
            UnreachableFlows = unreachable.ToImmutable(),
            ComputedAt = computedAt,
            WallComputeMs = Stopwatch.GetElapsedTime(w.WallStart).TotalMilliseconds,
        };
    }

    /// <summary>The rule and group changes since the last commit.</summary>
    private RuleChanges CommitChanges()
    {
        var changes = _rules.Commit();
        if (_groups.PendingCount > 0) _groups.Commit(changes);
        _protector?.EndUpdate();
        return changes;
    }

    /// <summary>The <c>sdn.update.method</c> value of an update with these counts of moved flows.</summary>
    internal static string MethodName(int ordered, int twoPhase) =>
        twoPhase == 0 ? "ordered" : ordered == 0 ? "two-phase" : "mixed";

    /// <summary>Ends the update's <c>update.commit</c> span with its figures (unreachable flows only where the work reroutes on a topology change).</summary>
    private void EndCommitSpan(FlowUpdate u, int unconfirmed, TimeSpan now, bool unreachable)
    {
        if (u.CommitSpan is not { } commit) return;
        commit.SetTag(ControllerTelemetry.RulesAdded, u.Changes.AddCount);
        commit.SetTag(ControllerTelemetry.RulesRemoved, u.Changes.RemoveCount);
        commit.SetTag(ControllerTelemetry.ReroutedFlows, u.Rerouted);
        commit.SetTag(ControllerTelemetry.UpdateMethod, MethodName(u.OrderedFlows, u.TwoPhaseFlows));
        commit.SetTag(ControllerTelemetry.OrderedFlows, u.OrderedFlows);
        commit.SetTag(ControllerTelemetry.TwoPhaseFlows, u.TwoPhaseFlows);
        if (unreachable) commit.SetTag(ControllerTelemetry.UnreachableFlows, u.UnreachableFlows.Length);
        commit.SetTag(ControllerTelemetry.SwitchesTouched, u.Changes.SwitchesTouched);
        commit.SetTag(ControllerTelemetry.SwitchesUnconfirmed, unconfirmed);
        commit.SetTag(ControllerTelemetry.VirtualStartMs, u.InstalledAt.TotalMilliseconds);
        commit.SetTag(ControllerTelemetry.VirtualEndMs, now.TotalMilliseconds);
        StopSpan(commit);
        u.CommitSpan = null;
    }

    private double LatencyMs(FlowPath p)
    {
        var ms = 0.0;
        foreach (var l in p.Links) ms += _linkLatencyMs[l];
        return ms;
    }

    /// <summary>A new flow's rules along its first path.</summary>
    private void Claim(FlowRecord f, FlowPath p)
    {
        var n = p.Length;
        var slots = new RuleSlot[f.Reverse is null ? n : 2 * n];
        for (var k = 0; k < n; k++)
        {
            int sw = p.Switches[k], inPort = p.InPorts[k], outPort = p.OutPorts[k];
            slots[k] = _rules.Claim(sw, f.ForwardId, f.Forward, f.ForwardCookie, inPort, outPort);
            if (f.Reverse is not null) slots[n + k] = _rules.Claim(sw, f.ReverseId, f.Reverse, f.ReverseCookie, outPort, inPort);
        }
        f.Slots = slots;
        ClaimLinks(f, p);
    }

    // A moved flow gives up and takes only the rules that differ between its old and new path: a switch
    // on both with the same output keeps its slot untouched. Release-then-claim of such a slot would be a
    // no-op for the table and the commit (same refs, same rule), so the result is the same, at a third of
    // the table work for a typical detour. The old path's rules are released (first pass, every move) before
    // any new one is claimed (second pass), as when whole paths are released and claimed.

    //
    // Which rules to give up depends on the method, so the method is chosen here, from the same scan.

    /// <summary>Scratch for <see cref="ReleaseMoved"/>: the old path's switches' positions on the new one.</summary>
    private int[] _positions = new int[16];

    private UpdateMethod ReleaseMoved(FlowRecord f, FlowPath old, FlowPath? next, bool versioned)
    {
        var n = old.Length;
        if (_positions.Length < n) _positions = new int[Math.Max(n, 2 * _positions.Length)];
        var positions = _positions.AsSpan(0, n);
        if (next is null) positions.Fill(-1);
        else if (UpdateMethodChooser.MethodFor(UpdateMethodChooser.ChangedSwitches(old, next, f.Reverse is not null, positions)) == UpdateMethod.TwoPhase && versioned)
        {
            ReleaseAll(f, old);
            return UpdateMethod.TwoPhase;
        }
        var slots = f.Slots!;
        for (var k = 0; k < n; k++)
        {
            int inPort = old.InPorts[k], outPort = old.OutPorts[k];
            var j = positions[k];
            if (j < 0 || RulePlanner.OutputPort(inPort, outPort) != RulePlanner.OutputPort(next!.InPorts[j], next.OutPorts[j]))
                _rules.Release(slots[k]);
            if (f.Reverse is not null && (j < 0 || RulePlanner.OutputPort(outPort, inPort) != RulePlanner.OutputPort(next!.OutPorts[j], next.InPorts[j])))
                _rules.Release(slots[n + k]);
        }
        foreach (var l in old.Links) _liveOnLink[l]--;
        return UpdateMethod.Ordered;
    }

    // Ordered update (the flow keeps its version): a switch keeps its role (ingress, transit, egress) on
    // both paths, since both run between the same two hosts, so comparing outputs is enough.
    private void ClaimMoved(FlowRecord f, FlowPath? old, FlowPath next)
    {
        var oldSlots = f.Slots;
        var on = old?.Length ?? 0;
        var n = next.Length;
        var slots = new RuleSlot[f.Reverse is null ? n : 2 * n];
        for (var k = 0; k < n; k++)
        {
            int sw = next.Switches[k], inPort = next.InPorts[k], outPort = next.OutPorts[k];
            var j = old is null ? -1 : IndexOfSwitch(old, sw);
            if (j < 0 && f.Version == 0)
            {
                slots[k] = _rules.Claim(sw, f.ForwardId, f.Forward, f.ForwardCookie, inPort, outPort);
                if (f.Reverse is not null) slots[n + k] = _rules.Claim(sw, f.ReverseId, f.Reverse, f.ReverseCookie, outPort, inPort);
                continue;
            }
            if (j < 0)
            {
                slots[k] = ClaimAt(f, next, k, reverse: false);
                if (f.Reverse is not null) slots[n + k] = ClaimAt(f, next, k, reverse: true);
                continue;
            }
            int oldIn = old!.InPorts[j], oldOut = old.OutPorts[j];
            var slot = slots[k] = oldSlots![j];
            if (RulePlanner.OutputPort(oldIn, oldOut) != RulePlanner.OutputPort(inPort, outPort))
            {
                if (f.Version == 0) _rules.Claim(slot, f.Forward, f.ForwardCookie, _planner.ActionsFor(inPort, outPort));
                else
                {
                    var role = RoleAt(f, n, k, reverse: false, out var tagged);
                    _rules.Claim(slot, tagged ? f.Tagged!.Forward : f.Forward, f.ForwardCookie, _planner.ActionsFor(inPort, outPort, role));
                }
            }
            if (f.Reverse is null) continue;
            slot = slots[n + k] = oldSlots[on + j];
            if (RulePlanner.OutputPort(oldOut, oldIn) != RulePlanner.OutputPort(outPort, inPort))
            {
                var role = RoleAt(f, n, k, reverse: true, out var tagged);
                _rules.Claim(slot, tagged ? f.Tagged!.Reverse! : f.Reverse, f.ReverseCookie, _planner.ActionsFor(outPort, inPort, role));
            }
        }
        f.Slots = slots;
        ClaimLinks(f, next);
    }
}
