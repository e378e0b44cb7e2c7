using System.Diagnostics;
using Akka.Actor;
using SdnController.Controller.Observation;
using SdnController.Controller.Telemetry;

namespace SdnController.Controller.Flows;

/// <summary>Clock → flow manager: the network has been quiet since the untagging pass was armed.</summary>
internal sealed record UntagWhenQuiet(long Token);

/// <summary>Take the flows a two-phase update left on the tagged version back to the untagged one, on the same routes.</summary>
internal sealed record UntagWork(long WallStart) : FlowWork(WallStart)
{
    /// <summary>The pass's <c>update.untag</c> span, ended when the switches confirmed the removals; null with nothing to untag.</summary>
    public Activity? Span { get; set; }
}

/// <summary>
/// The untagging pass. A two-phase update moves a flow to its other version, so after an odd number of them the flow
/// runs tagged (VLAN 3901, or a chain's version-1 segment tags) for good: rules that work but are not the ones a fresh
/// start would install, cost a tag match on every switch and leave the next move no untagged version to go to. Once
/// no topology change has arrived for <see cref="ControllerOptions.UntagAfter"/>, every such flow takes one more
/// two-phase update, to version 0 on the route it already has: the untagged rules are added beside the tagged ones,
/// the ingress stops pushing the tag, and the tagged rules go after the drain. So packets are never mixed, and a
/// network that failed and was repaired ends with exactly a fresh start's rules.
/// </summary>
/// <remarks>
/// Flows enter <see cref="_taggedFlows"/> when they flip to version 1; the pass takes those still there (a flow may
/// have flipped back or lost its path since). A topology change postpones the pass twice over — when it arrives and
/// when its update finishes — so a burst of failures and repairs is not interleaved with untagging and a pass never
/// runs right after a reroute; other work (reactive installs, policy, congestion) does not postpone it, or a busy
/// reactive network would never get there.
/// </remarks>
public sealed partial class FlowManagerActor
{
    /// <summary>Flows that flipped to the tagged version since the last pass, in flip order (may repeat).</summary>
    private readonly List<FlowRecord> _taggedFlows = new();
    private Southbound.Time.IScheduledWork? _untagTimer;
    private long _untagToken;
    private bool _untagQueued;

    private void InitUntag() => Receive<UntagWhenQuiet>(OnUntagWhenQuiet);

    /// <summary>The list's size above which it is compacted (a link flapping for hours keeps postponing the pass).</summary>
    private int _taggedCompactAt = MinTaggedCompactAt;
    private const int MinTaggedCompactAt = 1024;

    /// <summary>Moves the flow to its other version; one that is now tagged waits for the untagging pass.</summary>
    private void FlipVersion(FlowRecord f)
    {
        f.Version ^= 1;
        if (f.Version != 0) AwaitUntag(f);
    }

    /// <summary>The flow takes a version it shares with others (a NAT group's); a tagged one waits for the pass.</summary>
    private void TakeVersion(FlowRecord f, int version)
    {
        f.Version = version;
        if (version != 0) AwaitUntag(f);
    }

    private void AwaitUntag(FlowRecord f)
    {
        if (_setup.Options.UntagAfter <= TimeSpan.Zero) return;
        _taggedFlows.Add(f);
        if (_taggedFlows.Count <= _taggedCompactAt) return;
        CompactTagged();
        _taggedCompactAt = Math.Max(MinTaggedCompactAt, 2 * _taggedFlows.Count);
    }

    /// <summary>Keeps each listed flow that is still tagged once, in first-flip order.</summary>
    private void CompactTagged()
    {
        var stamp = ++_stamp;
        var kept = 0;
        // By index: writing through the indexer while a foreach runs over the list would throw.
        for (var i = 0; i < _taggedFlows.Count; i++)
        {
            var f = _taggedFlows[i];
            if (f.Mark == stamp || f.Version == 0) continue;
            f.Mark = stamp;
            _taggedFlows[kept++] = f;
        }
        _taggedFlows.RemoveRange(kept, _taggedFlows.Count - kept);
    }

    /// <summary>After an update: (re)start the quiet period when tagged flows wait, or when a topology change postpones it.</summary>
    private void ArmUntag(bool postpone)
    {
        if (_taggedFlows.Count == 0 || _untagQueued || _setup.Options.UntagAfter <= TimeSpan.Zero) return;
        if (_untagTimer is not null && !postpone) return;
        _untagTimer?.Cancel();
        var token = ++_untagToken;
        var self = Self;
        _untagTimer = _setup.Clock.Schedule(_setup.Options.UntagAfter, () => self.Tell(new UntagWhenQuiet(token), ActorRefs.NoSender));
    }

    /// <summary>
    /// A topology change arrived or its update finished: the quiet period starts again, and a pass queued meanwhile is
    /// withdrawn — it would run right after the reroute, or sit between two changes the queue should merge.
    /// </summary>
    private void PostponeUntag()
    {
        if (_untagQueued)
        {
            for (var n = _queue.Count; n > 0; n--)
            {
                var work = _queue.Dequeue();
                if (work is not UntagWork) _queue.Enqueue(work);
            }
            _untagQueued = false;
        }
        ArmUntag(postpone: true);
    }

    private void OnUntagWhenQuiet(UntagWhenQuiet m)
    {
        if (m.Token != _untagToken || _untagTimer is null) return;
        _untagTimer = null;
        _untagQueued = true;
        Enqueue(new UntagWork(Stopwatch.GetTimestamp()));
    }

    private FlowUpdate StartUntag(UntagWork w)
    {
        _untagQueued = false;
        // Every flow on version 1 is listed (all version changes go through FlipVersion and TakeVersion), so flows behind
        // one source NAT, which share their reply ingress and always hold one version, all move back together.
        CompactTagged();
        var flows = _taggedFlows.ToArray();
        _taggedFlows.Clear();
        _taggedCompactAt = MinTaggedCompactAt;
        var drainMs = 0.0;
        var untagged = 0;
        foreach (var f in flows)
        {
            if (f.Chain >= 0)
            {
                // A closed chain's rules are untagged drops at the ingress: nothing to move.
                if (f.ChainRoute is not { Closed: false } route)
                {
                    f.Version = 0;
                    continue;
                }
                drainMs = Math.Max(drainMs, route.LatencyMs(_linkLatencyMs) + FunctionLatencyAllowanceMs * route.Functions.Length);
                ReleaseChain(f);
                f.Version = 0;
                ClaimChain(f, route, report: false);
            }
            else if (f.Path is not { } path)
            {
                // No route, no rules: nothing is tagged.
                f.Version = 0;
                continue;
            }
            else if (f.Protected)
            {
                drainMs = Math.Max(drainMs, Math.Max(LatencyMs(path), f.Protection?.LongestDetourMs ?? 0));
                ReleaseProtection(f);
                ReleaseAll(f, path);
                f.Version = 0;
                ClaimProtected(f, path);
            }
            else if (f.Ecmp is { } ecmp)
            {
                drainMs = Math.Max(drainMs, ecmp.MaxLatencyMs);
                ReleaseAllOf(f);
                f.Version = 0;
                ClaimEcmp(f, ecmp);
            }
            else
            {
                drainMs = Math.Max(drainMs, LatencyMs(path));
                ReleaseAll(f, path);
                f.Version = 0;
                ClaimVersion(f, path);
            }
            untagged++;
        }
        if (_protector is not null && Array.Exists(flows, static f => f.Protected)) ReportProtection();
        if (untagged > 0 && (w.Span = ControllerTelemetry.StartRoot(ControllerTelemetry.UpdateUntag)) is { } span)
        {
            span.SetTag(ControllerTelemetry.AffectedFlows, untagged);
            span.SetTag(ControllerTelemetry.UpdateMethod, MethodName(0, untagged));
            span.SetTag(ControllerTelemetry.TwoPhaseFlows, untagged);
            span.SetTag(ControllerTelemetry.VirtualStartMs, _setup.Clock.Now.TotalMilliseconds);
        }
        var update = TwoPhaseMove(w, untagged, drainMs, default);
        update.WallComputeMs = Stopwatch.GetElapsedTime(w.WallStart).TotalMilliseconds;
        return update;
    }

    private void FinishUntag(FlowUpdate u, UntagWork w, TimeSpan now)
    {
        if (u.Affected == 0) return;
        if (w.Span is { } span)
        {
            span.SetTag(ControllerTelemetry.RulesAdded, u.Changes.AddCount);
            span.SetTag(ControllerTelemetry.RulesRemoved, u.Changes.RemoveCount);
            span.SetTag(ControllerTelemetry.SwitchesTouched, u.Changes.SwitchesTouched);
            span.SetTag(ControllerTelemetry.SwitchesUnconfirmed, u.Unconfirmed.Count);
            span.SetTag(ControllerTelemetry.VirtualEndMs, now.TotalMilliseconds);
            StopSpan(span);
            w.Span = null;
        }
        _setup.Observer.OnEvent(new FlowsUntagged(now, u.Affected, u.ComputedAt, u.Changes.AddCount, u.Changes.RemoveCount, u.Changes.SwitchesTouched)
        {
            UnconfirmedSwitches = [.. u.Unconfirmed],
            WallComputeMs = u.WallComputeMs,
        });
    }
}
