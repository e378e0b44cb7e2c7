using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Routing;
using SdnController.Controller.Runtime;
using SdnController.Controller.Telemetry;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Flows;

/// <summary>The update's barrier-confirmed phases, their confirmations and timeouts, and finishing the work.</summary>
public sealed partial class FlowManagerActor
{
    // ---- the two phases -------------------------------------------------------------------------

    private void StartPhase(FlowUpdate u, int phase)
    {
        u.Phase = phase;
        u.PhaseId = ++_phaseIds;
        u.Waiting.Clear();
        if (phase == 3 && (u.Work is TopologyWork || (u.Work is CongestionWork && u.Trace != default)))
            u.CommitSpan = ControllerTelemetry.StartChild(ControllerTelemetry.UpdateCommit, u.Trace);
        var lists = phase switch { 1 => u.Changes.Adds, 2 => u.Changes.Replaces, _ => u.Changes.Removes };
        var slotLists = phase switch { 1 => u.Changes.AddSlots, 2 => u.Changes.ReplaceSlots, _ => u.Changes.RemoveSlots };
        var withGroups = phase != 2 && (phase == 1 ? u.Changes.GroupAdds : u.Changes.GroupRemoves) is not null;
        for (var sw = 0; sw < lists.Length; sw++)
        {
            // Groups go with phase 1 (before the rules that point to them) and phase 3 (after the last rule using them).
            var groups = withGroups ? u.Changes.GroupsOf(phase, sw) : null;
            if (lists[sw] is not { Count: > 0 } && groups is not { Count: > 0 }) continue;
            var actor = _switches[sw];
            if (actor is null || _disconnected.Contains(sw))
            {
                u.Unconfirmed.Add(_topology.Switches[sw].Id);
                continue;
            }
            var rules = lists[sw] is { } list ? list.ToImmutableArray() : ImmutableArray<FlowRule>.Empty;
            var slots = slotLists[sw] is { } numbers ? numbers.ToImmutableArray() : ImmutableArray<int>.Empty;
            var apply = phase < 3
                ? new ApplyRules(u.PhaseId, rules, ImmutableArray<FlowRule>.Empty, u.Trace) { AddSlots = slots }
                : new ApplyRules(u.PhaseId, ImmutableArray<FlowRule>.Empty, rules, u.Trace) { RemoveSlots = slots };
            if (groups is { Count: > 0 })
                apply = phase == 1 ? apply with { AddGroups = [.. groups] } : apply with { RemoveGroups = [.. groups] };
            actor.Tell(apply, Self);
            u.Waiting.Add(sw);
        }
        if (u.Waiting.Count == 0)
        {
            PhaseDone(u);
            return;
        }
        var self = Self;
        var phaseId = u.PhaseId;
        u.Timer = _setup.Clock.Schedule(ConfirmationTimeout, () => self.Tell(new ConfirmationTimeout(phaseId)));
    }

    private void Confirmed(string switchId, long? updateId)
    {
        var u = _current;
        if (u is null || (updateId is { } id && id != u.PhaseId)) return;
        var sw = _topology.IndexOfSwitch(switchId);
        if (sw < 0 || !u.Waiting.Remove(sw) || u.Waiting.Count > 0) return;
        PhaseDone(u);
    }

    // A switch that is down confirms nothing; its desired rules (already updated) are what it gets when it
    // reconnects and resyncs, so an update need not wait for it.
    private void OnSwitchConnectionChanged(SwitchConnectionChanged m)
    {
        var sw = _topology.IndexOfSwitch(m.SwitchId);
        if (sw < 0) return;
        if (m.Connected)
        {
            _disconnected.Remove(sw);
            return;
        }
        _disconnected.Add(sw);
        var u = _current;
        if (u is null || !u.Waiting.Remove(sw)) return;
        u.Unconfirmed.Add(m.SwitchId);
        if (u.Waiting.Count == 0) PhaseDone(u);
    }

    private void OnTimeout(ConfirmationTimeout m)
    {
        var u = _current;
        if (u is null || u.PhaseId != m.PhaseId || u.Waiting.Count == 0) return;
        foreach (var sw in u.Waiting) u.Unconfirmed.Add(_topology.Switches[sw].Id);
        _log.Warning("update phase {0}: no confirmation from {1} within {2}; going on", u.Phase, string.Join(", ", u.Unconfirmed), ConfirmationTimeout);
        u.Waiting.Clear();
        PhaseDone(u);
    }

    private void PhaseDone(FlowUpdate u)
    {
        u.Timer?.Cancel();
        u.Timer = null;
        if (u.Phase < 3)
        {
            // New rules first (nothing forwards by them yet), then the replacements that move traffic onto
            // them, then removal of what only the old paths used: no packet meets a switch without its rule
            // when a path detours through new switches. Flows for which that order is not enough (two or
            // more switches on both paths change, see UpdateMethodChooser) moved to their other version:
            // their new rules are all adds and only their ingress rule is a replace, so the same phases
            // make them a two-phase update.
            if (u.Phase == 2)
            {
                u.InstalledAt = _setup.Clock.Now;
                if (u.Drain > TimeSpan.Zero)
                {
                    // Packets already on an old path still need its rules: remove them once those arrived.
                    var self = Self;
                    var phaseId = u.PhaseId;
                    u.Timer = _setup.Clock.Schedule(u.Drain, () => self.Tell(new OldPathsDrained(phaseId)));
                    return;
                }
            }
            StartPhase(u, u.Phase + 1);
            return;
        }
        Finish(u);
    }

    private void Finish(FlowUpdate u)
    {
        var now = _setup.Clock.Now;
        var unconfirmed = u.Unconfirmed.ToImmutableArray();
        // Before the events go out: whoever sees this update's event sees the untagging pass's wait already running.
        if (u.Work is TopologyWork) PostponeUntag();
        else ArmUntag(postpone: false);
        _setup.Metrics.RecordRuleChanges(u.Work switch { InstallWork => "install", ConnectivityWork => "connectivity", ReactiveWork => "reactive", CongestionWork => "congestion", ChainWork => "chain", BlockWork => "block", UnblockWork => "unblock", PolicyWork => "policy", UntagWork => "untag", _ => "reroute" },
            u.Changes.AddCount, u.Changes.RemoveCount);
        switch (u.Work)
        {
            case BlockWork { Outcome: { } blocked }:
                _setup.Observer.OnEvent(blocked with { At = now });
                break;
            case UnblockWork { Outcome: { } unblocked }:
                _setup.Observer.OnEvent(unblocked with { At = now });
                break;
            case InstallWork w:
            {
                var wallMs = Stopwatch.GetElapsedTime(w.WallStart).TotalMilliseconds;
                if (_firstBatchDone)
                    _setup.Observer.OnEvent(new FlowsInstalled(now, u.FlowsCreated, u.Changes.AddCount, wallMs) { UnconfirmedSwitches = unconfirmed });
                else
                {
                    // The start-up burst is over: collections may run again (the idle collection follows shortly).
                    StartupCollectionHold.End();
                    _setup.Observer.OnEvent(new InitialInstallCompleted(now, u.FlowsCreated, u.Changes.AddCount, wallMs)
                        { UnconfirmedSwitches = unconfirmed, EcmpFlows = _spreadFlows, Groups = u.Changes.GroupAddCount });
                }
                _firstBatchDone = true;
                break;
            }
            case ConnectivityWork w:
                _setup.Observer.OnEvent(new ConnectivityReady(now, w.HostA, w.HostB, u.Reachable));
                break;
            case ReactiveWork w:
            {
                var released = FinishReactive(w);
                _setup.Observer.OnEvent(new ReactiveFlowsInstalled(now, u.FlowsCreated, u.Changes.AddCount, released, Stopwatch.GetElapsedTime(w.WallStart).TotalMilliseconds)
                    { UnconfirmedSwitches = unconfirmed });
                break;
            }
            case TopologyWork w:
            {
                var change = w.Change;
                EndCommitSpan(u, unconfirmed.Length, now, unreachable: true);
                w.ReplyTo.Tell(new TopologyChangeHandled(change.Trace, u.Affected, u.Rerouted, u.UnreachableFlows.Length, now), Self);
                foreach (var (other, replyTo) in w.Merged)
                    replyTo.Tell(new TopologyChangeHandled(other.Trace, u.Affected, u.Rerouted, u.UnreachableFlows.Length, now), Self);
                var wallTotal = change.DetectedWallTimestamp != 0
                    ? Stopwatch.GetElapsedTime(change.DetectedWallTimestamp).TotalMilliseconds
                    : Stopwatch.GetElapsedTime(w.WallStart).TotalMilliseconds;
                var completed = new RerouteCompleted(
                    now, change.Changes.IsDefault ? ImmutableArray<LinkChange>.Empty : change.Changes, change.Method,
                    change.DetectedAt, u.ComputedAt, u.InstalledAt, now,
                    u.WallComputeMs, wallTotal,
                    u.Affected, u.Rerouted, u.UnreachableFlows,
                    u.Changes.AddCount, u.Changes.RemoveCount, u.Changes.SwitchesTouched)
                {
                    UnconfirmedSwitches = unconfirmed, Trace = change.Trace, HeldDown = change.HeldDown, SwitchId = change.SwitchId,
                    OrderedFlows = u.OrderedFlows, TwoPhaseFlows = u.TwoPhaseFlows,
                };
                _setup.Observer.OnEvent(completed);
                _setup.Metrics.RecordReroute(completed, _setup.Clock.IsVirtual);
                break;
            }
            case CongestionWork w:
                FinishCongestion(u, w, unconfirmed, now);
                break;
            case PolicyWork w:
                FinishPolicy(u, w, now);
                break;
            case UntagWork w:
                FinishUntag(u, w, now);
                break;
        }
        CongestionSettled(u, now);
        _current = null;
        RunQueued();
    }

    private static void StopSpan(Activity? span)
    {
        if (span is null) return;
        var previous = Activity.Current;
        span.Stop();
        Activity.Current = previous;
    }

    /// <summary>How long old paths are kept after a move so packets on them arrive: none when nothing drains.</summary>
    private TimeSpan DrainAfter(double drainMs) =>
        drainMs > 0 && _setup.Options.DrainOldPaths ? TimeSpan.FromMilliseconds(drainMs) + DrainMargin : TimeSpan.Zero;

    /// <summary>
    /// The update committing what was just claimed, when every moved flow took the two-phase update (chains, a policy's
    /// chain, the untagging pass); the old routes drain for <paramref name="drainMs"/>.
    /// </summary>
    private FlowUpdate TwoPhaseMove(FlowWork w, int moved, double drainMs, System.Diagnostics.ActivityContext trace) =>
        new(w, CommitChanges(), trace)
        {
            Affected = moved,
            Rerouted = moved,
            TwoPhaseFlows = moved,
            Drain = DrainAfter(drainMs),
            ComputedAt = _setup.Clock.Now,
        };

    /// <summary>
    /// The claim half of a move whose old paths were all released first: each flow takes its new path by the method
    /// chosen for it (two-phase flows under the other version). Returns how many went two-phase.
    /// </summary>
    private int ClaimMoves(List<(FlowRecord Flow, FlowPath Path)> moves, UpdateMethod[] methods)
    {
        var twoPhase = 0;
        for (var i = 0; i < moves.Count; i++)
        {
            var (f, path) = moves[i];
            var old = f.Path;
            f.Path = path;
            if (methods[i] == UpdateMethod.TwoPhase)
            {
                FlipVersion(f);
                ClaimVersion(f, path);
                twoPhase++;
            }
            else ClaimMoved(f, old, path);
        }
        return twoPhase;
    }
}
