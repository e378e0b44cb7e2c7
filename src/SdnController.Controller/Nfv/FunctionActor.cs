using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using SdnController.Controller.Observation;
using SdnController.Controller.Runtime;
using SdnController.Controller.Supervision;
using SdnController.Controller.Telemetry;
using SdnController.Southbound.Nfv;
using SdnController.Southbound.Time;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Controller.Nfv;

/// <summary>
/// One network function instance: owns its management channel and its desired configuration, and keeps the
/// instance running that configuration. It pushes the desired version as an idempotent
/// <see cref="ConfigureFunction"/> and waits for the <see cref="FunctionConfigured"/> acknowledgement, sending
/// again after a timeout (requests to a hung instance are lost). Whenever the instance shows an older applied
/// version — a status event or any reply; a restarted instance comes back at version 0 — it pushes again. It
/// tracks the instance's state (up/down, applied version; the last acknowledgement is the last
/// <see cref="FunctionConfigurationApplied"/> event) and publishes every change as a controller event, turns IDS alerts into events,
/// spans and metrics, and answers counter collections. Supervised: a restarted actor opens the channel again
/// and re-syncs from the first status (the desired configuration outlives it, see <see cref="DesiredFunctionConfig"/>).
/// </summary>
public sealed class FunctionActor : ReceiveActor
{
    private readonly ControllerSetup _setup;
    private readonly FunctionEndpoint _function;
    private readonly DesiredFunctionConfig _desired;
    private readonly IClock _clock;
    private readonly NfvOptions _options;
    private readonly NfvMetrics _metrics;

    private INfvChannel? _channel;
    private FunctionChannelSink? _sink;
    private uint _nextXid;

    /// <summary>The instance's state as last reported; null until the channel's first status.</summary>
    private bool? _up;
    /// <summary>The version the instance last said it runs (-1: not heard yet).</summary>
    private long _applied = -1;
    /// <summary>A version the instance refused: not sent again (it would be refused again).</summary>
    private long _rejected;
    private PendingPush? _push;
    /// <summary>The newest xid answered so far: an older reply arriving after it (a reordering channel) says nothing current.</summary>
    private uint _newestReply;
    private FunctionFailureTrace? _failure;
    /// <summary>What the flow manager was last told about the instance carrying chained traffic (null: nothing yet).</summary>
    private bool? _reportedUsable;
    private readonly Dictionary<uint, (long RequestId, IScheduledWork Timer)> _counterRequests = new();

    public FunctionActor(ControllerSetup setup, FunctionEndpoint function, DesiredFunctionConfig desired)
    {
        _setup = setup;
        _function = function;
        _desired = desired;
        _clock = setup.Clock;
        _options = setup.Options.Nfv;
        _metrics = setup.Metrics.Nfv;

        Receive<SinkEnvelope<FunctionMessage>>(OnEnvelope);
        Receive<ReplaceFunctionConfig>(OnReplace);
        Receive<SetBackendHealth>(OnSetBackendHealth);
        Receive<ConfigureTimedOut>(OnConfigureTimedOut);
        Receive<CollectFunctionCounters>(OnCollectCounters);
        Receive<LiftFunctionBlock>(OnLiftBlock);
        Receive<CountersTimedOut>(OnCountersTimedOut);
        Receive<CrashFunctionActor>(m => throw new InjectedFaultException($"function actor {m.FunctionId} crashed on request (fault injection)"));
    }

    public static Props Props(ControllerSetup setup, FunctionEndpoint function, DesiredFunctionConfig desired) =>
        Akka.Actor.Props.CreateBy(new Producer(setup, function, desired)).WithDispatcher(setup.Options.Dispatcher);

    // A restart asks the same producer again: the new incarnation gets the same desired configuration holder.
    private sealed class Producer(ControllerSetup setup, FunctionEndpoint function, DesiredFunctionConfig desired) : IIndirectActorProducer
    {
        public Type ActorType => typeof(FunctionActor);
        public ActorBase Produce() => new FunctionActor(setup, function, desired);
        public void Release(ActorBase actor) { }
    }

    protected override void PreStart()
    {
        _sink = new FunctionChannelSink(Self);
        _channel = _setup.Southbound.OpenFunction(_function.Id, _sink);
    }

    protected override void PostStop()
    {
        _sink?.Close();
        _channel?.Dispose();
        _channel = null;
        var now = _clock.Now;
        if (_push is { } p) EndPush(p, "superseded", now);
        _push = null;
        _failure?.Abandon(now);
        _failure = null;
        foreach (var (_, (_, timer)) in _counterRequests) timer.Cancel();
        _counterRequests.Clear();
    }

    protected override void PostRestart(Exception reason)
    {
        _setup.Observer.OnEvent(new FunctionActorRestarted(_clock.Now, _function.Id, reason.Message));
        _setup.Metrics.RecordActorRestart("function", reason);
        base.PostRestart(reason);
    }

    private uint NextXid() => ++_nextXid;

    private void OnEnvelope(SinkEnvelope<FunctionMessage> e)
    {
        if (!ReferenceEquals(e.Sink, _sink)) return;
        var m = e.Message;
        if (m.Xid != 0)
        {
            if (m.Xid < _newestReply)
            {
                // The contract keeps replies in request order; if a channel breaks it, an overtaken reply's
                // version is older news than what the newer replies said. Counters still answer their request.
                if (m is FunctionCountersReply late) DeliverCounters(late);
                return;
            }
            _newestReply = m.Xid;
        }
        switch (m)
        {
            case FunctionStatus s: OnStatus(s); break;
            case FunctionConfigured c: OnConfigured(c); break;
            case FunctionCountersReply r: OnCounters(r); break;
            case FunctionAlert a: OnAlert(a); break;
        }
    }

    // ---- state ----

    private void OnStatus(FunctionStatus s)
    {
        var now = _clock.Now;
        var previous = _up;
        var up = s.State == FunctionState.Up;
        _up = up;
        _applied = s.AppliedVersion;
        if (previous != up)
        {
            _metrics.SetState(_function.Id, up);
            _setup.Observer.OnEvent(new FunctionStateChanged(now, _function.Id, _function.Kind, up, s.AppliedVersion));
        }
        if (!up)
        {
            ReportUsable(false);
            // Requests to a down instance are lost: stop waiting; the instance's "up" restarts the push.
            if (_push is { } p) EndPush(p, "down", now);
            _push = null;
            _failure ??= FunctionFailureTrace.Start(_function, s.AppliedVersion, now);
            return;
        }
        if (previous == false && s.Xid == 0)
        {
            // Back up means restarted: whatever was in flight before is never handled.
            if (_push is { } p) EndPush(p, "superseded", now);
            _push = null;
        }
        var reason = previous == false ? "restart" : previous is null ? (s.AppliedVersion == 0 ? "initial" : "resync") : "behind";
        if (!EnsureConfigured(reason) && _push is null) EndFailure(now);
        if (_push is null && _applied >= _desired.Current.Version) ReportUsable(true);
    }

    /// <summary>
    /// Tells the flow manager (through the supervisor) whether chains may use the instance: down → no; up → only
    /// once it runs the desired rules, so a restarted instance takes chained traffic back after its re-configuration.
    /// </summary>
    private void ReportUsable(bool usable)
    {
        if (_reportedUsable == usable) return;
        _reportedUsable = usable;
        Context.Parent.Tell(new FunctionAvailability(_function.Id, usable));
    }

    /// <summary>Pushes the desired version unless the instance runs it or it is on its way. True when a push is pending after.</summary>
    private bool EnsureConfigured(string reason)
    {
        var (version, config) = _desired.Current;
        if (config is null || _up != true || _applied >= version || version == _rejected) return _push is not null;
        if (_push is { } p && p.Version == version) return true;
        Push(reason, attempt: 1, _options.ConfigureTimeout);
        return true;
    }

    // ---- configuration ----

    private void OnReplace(ReplaceFunctionConfig m)
    {
        if (m.Config.Kind != _function.Kind)
        {
            _setup.Observer.OnEvent(new FunctionConfigurationRejected(_clock.Now, _function.Id, _function.Kind, 0,
                $"{NfvTelemetry.KindName(_function.Kind)} '{_function.Id}' cannot take a {NfvTelemetry.KindName(m.Config.Kind)} configuration"));
            return;
        }
        var version = Replace(m.Config, "replace");
        // Journalled here, not by the supervisor, because only this actor knows the version the rules get.
        Journal(new Persistence.FunctionConfigReplaced(_clock.Now.TotalMilliseconds, _function.Id, version, m.Config));
    }

    private long Replace(NfvConfig config, string reason)
    {
        var version = _desired.Replace(config, Math.Max(_applied, _push?.Version ?? 0));
        if (_up == true) Push(reason, attempt: 1, _options.ConfigureTimeout);
        return version;
    }

    /// <summary>Backend health is part of the load balancer's configuration: a new version with the backend added to or removed from the down set.</summary>
    private void OnSetBackendHealth(SetBackendHealth m)
    {
        if (_desired.Current.Config is not LoadBalancerConfig lb)
        {
            _setup.Observer.OnEvent(new FunctionConfigurationRejected(_clock.Now, _function.Id, _function.Kind, 0,
                $"{NfvTelemetry.KindName(_function.Kind)} '{_function.Id}' has no backends"));
            return;
        }
        var known = false;
        foreach (var b in lb.Backends) known |= b.Name == m.Backend;
        if (!known)
        {
            _setup.Observer.OnEvent(new FunctionConfigurationRejected(_clock.Now, _function.Id, _function.Kind, 0,
                $"load balancer '{_function.Id}' has no backend '{m.Backend}' (backends: {string.Join(", ", lb.Backends.Select(b => b.Name))})"));
            return;
        }
        var down = new List<string>(lb.DownBackends ?? Array.Empty<string>());
        var wasDown = down.Remove(m.Backend);
        if (!m.Healthy) down.Add(m.Backend);
        // Nothing changes (already in that state, and the health is already stated): no new version.
        if (wasDown == !m.Healthy && lb.DownBackends is not null) return;
        down.Sort(StringComparer.Ordinal);
        Replace(lb with { DownBackends = down }, m.Healthy ? "backend-up" : "backend-down");
        if (!m.Recovered) Journal(new Persistence.BackendHealthChanged(_clock.Now.TotalMilliseconds, _function.Id, m.Backend, m.Healthy));
    }

    /// <summary>With a store, an intent this actor applied goes to the journal (through the supervisor), in the order applied.</summary>
    private void Journal(Persistence.IntentEvent e)
    {
        if (_setup.Options.StateDirectory is not null) Context.Parent.Tell(new Persistence.RecordIntent(e));
    }

    private void Push(string reason, int attempt, TimeSpan timeout)
    {
        var (version, config) = _desired.Current;
        if (config is null || _channel is null) return;
        var now = _clock.Now;
        if (_push is { } old) EndPush(old, "superseded", now);
        var xid = NextXid();
        var span = NfvTelemetry.Start(NfvTelemetry.Configure, _failure?.Context ?? default);
        if (span is not null)
        {
            span.SetTag(NfvTelemetry.FunctionId, _function.Id);
            span.SetTag(NfvTelemetry.Kind, NfvTelemetry.KindName(_function.Kind));
            span.SetTag(NfvTelemetry.Version, version);
            span.SetTag(NfvTelemetry.Reason, reason);
            span.SetTag(NfvTelemetry.Attempt, attempt);
            span.SetTag(ControllerTelemetry.VirtualStartMs, now.TotalMilliseconds);
        }
        var push = new PendingPush(xid, version, reason, attempt, now, timeout, span);
        _push = push;
        _metrics.RecordPush(_function.Kind, attempt > 1 ? "retry" : reason);
        _channel.Send(new ConfigureFunction(xid, version, config));
        var self = Self;
        push.Timer = _clock.Schedule(timeout, () => self.Tell(new ConfigureTimedOut(xid)));
    }

    private void OnConfigureTimedOut(ConfigureTimedOut m)
    {
        if (_push is not { } p || p.Xid != m.Xid) return;
        EndPush(p, "timeout", _clock.Now);
        _push = null;
        if (_up != true) return;
        var next = p.Timeout + p.Timeout;
        Push(p.Reason, p.Attempt + 1, next < _options.MaxConfigureTimeout ? next : _options.MaxConfigureTimeout);
    }

    private void OnConfigured(FunctionConfigured c)
    {
        var now = _clock.Now;
        _applied = c.AppliedVersion;
        if (_push is not { } p || p.Xid != c.Xid)
        {
            // The answer to an earlier push (overtaken, or re-sent after a timeout): it says what the instance
            // runs, nothing about the pending push, whose own answer follows in order.
            EnsureConfigured("behind");
            return;
        }
        p.Timer?.Cancel();
        _push = null;
        var roundTrip = now - p.SentAt;
        _metrics.RecordAck(_function.Kind, NfvTelemetry.OutcomeName(c.Outcome), roundTrip, _clock.IsVirtual);
        p.Span?.SetTag(NfvTelemetry.AppliedVersion, c.AppliedVersion);
        EndPush(p, NfvTelemetry.OutcomeName(c.Outcome), now, roundTrip);
        switch (c.Outcome)
        {
            case ConfigureOutcome.Applied or ConfigureOutcome.AlreadyApplied:
                _setup.Observer.OnEvent(new FunctionConfigurationApplied(now, _function.Id, _function.Kind, c.Version, c.Outcome, roundTrip, p.Attempt, p.Reason)
                    { Trace = p.Span?.Context ?? default });
                if (!EnsureConfigured("behind")) EndFailure(now);
                if (_up == true && _applied >= _desired.Current.Version) ReportUsable(true);
                break;
            case ConfigureOutcome.Stale:
            {
                // The instance runs a newer version than ours (pushed by someone else): our rules take the next
                // number, so no version ever names two rule sets.
                var (_, config) = _desired.Current;
                if (config is not null) _desired.Replace(config, c.AppliedVersion);
                Push("stale", attempt: 1, _options.ConfigureTimeout);
                break;
            }
            default:
                _rejected = p.Version;
                _setup.Observer.OnEvent(new FunctionConfigurationRejected(now, _function.Id, _function.Kind, p.Version, c.Error ?? "rejected"));
                EndFailure(now);
                break;
        }
    }

    private static void EndPush(PendingPush p, string outcome, TimeSpan now, TimeSpan? roundTrip = null)
    {
        p.Timer?.Cancel();
        if (p.Span is not { } span) return;
        span.SetTag(NfvTelemetry.Outcome, outcome);
        if (roundTrip is { } rtt) span.SetTag(NfvTelemetry.RoundTripMs, rtt.TotalMilliseconds);
        if (outcome is "timeout" or "rejected") span.SetStatus(ActivityStatusCode.Error, outcome);
        span.SetTag(ControllerTelemetry.VirtualEndMs, now.TotalMilliseconds);
        span.Dispose();
    }

    private void EndFailure(TimeSpan now)
    {
        if (_failure is null || _up != true) return;
        _failure.End(now, _applied);
        _failure = null;
    }

    // ---- counters and alerts ----

    private void OnCollectCounters(CollectFunctionCounters m)
    {
        var now = _clock.Now;
        if (_up != true || _channel is null)
        {
            _setup.Observer.OnEvent(new FunctionCountersCollected(now, _function.Id, m.RequestId, false, Math.Max(_applied, 0), null, ImmutableArray<FunctionRuleCounts>.Empty)
                { Reason = _up == false ? "down" : "not connected" });
            return;
        }
        var xid = NextXid();
        var self = Self;
        var timer = _clock.Schedule(_options.CountersTimeout, () => self.Tell(new CountersTimedOut(xid)));
        _counterRequests[xid] = (m.RequestId, timer);
        _channel.Send(new FunctionCountersRequest(xid));
    }

    private void OnCountersTimedOut(CountersTimedOut m)
    {
        if (!_counterRequests.Remove(m.Xid, out var request)) return;
        _setup.Observer.OnEvent(new FunctionCountersCollected(_clock.Now, _function.Id, request.RequestId, _up == true, Math.Max(_applied, 0), null, ImmutableArray<FunctionRuleCounts>.Empty)
            { Reason = "no reply" });
    }

    private void OnCounters(FunctionCountersReply r)
    {
        _applied = r.AppliedVersion;
        DeliverCounters(r);
        EnsureConfigured("behind");
    }

    private void DeliverCounters(FunctionCountersReply r)
    {
        if (!_counterRequests.Remove(r.Xid, out var request)) return;
        request.Timer.Cancel();
        _setup.Observer.OnEvent(new FunctionCountersCollected(_clock.Now, _function.Id, request.RequestId, true, r.AppliedVersion, r.Total,
            r.Rules.IsDefault ? ImmutableArray<FunctionRuleCounts>.Empty : r.Rules));
    }

    private void OnAlert(FunctionAlert a)
    {
        var now = _clock.Now;
        _metrics.RecordAlert(_function.Kind, a.Blocked);
        using (var span = ControllerTelemetry.StartRoot(NfvTelemetry.Alert))
        {
            if (span is not null)
            {
                span.SetTag(NfvTelemetry.FunctionId, _function.Id);
                span.SetTag(NfvTelemetry.Kind, NfvTelemetry.KindName(_function.Kind));
                span.SetTag(ControllerTelemetry.VirtualStartMs, now.TotalMilliseconds);
                span.SetTag(ControllerTelemetry.VirtualEndMs, now.TotalMilliseconds);
                span.AddEvent(new ActivityEvent(NfvTelemetry.AlertEvent, tags: new ActivityTagsCollection
                {
                    { NfvTelemetry.FunctionId, _function.Id },
                    { NfvTelemetry.Signature, a.SignatureId },
                    { NfvTelemetry.Flow, a.Flow },
                    { NfvTelemetry.Blocked, a.Blocked },
                }));
            }
        }
        _setup.Observer.OnEvent(new FunctionAlertRaised(now, _function.Id, _function.Kind, a.SignatureId, a.Flow, a.Blocked, a.At));
        // A blocking IDS's verdict becomes switch rules: the flow's later packets are dropped where they enter.
        if (a.Blocked && a.Tuple is { } tuple)
            Context.Parent.Tell(new BlockFlow(_function.Id, a.SignatureId, a.Flow, tuple) { BlockFor = (_desired.Current.Config as IdsConfig)?.BlockFor });
    }

    /// <summary>
    /// The operator lifted a block: the instance forgets its own. Sent once, unacknowledged: a request lost to a down
    /// instance needs no retry, since the instance comes back restarted, without blocks.
    /// </summary>
    private void OnLiftBlock(LiftFunctionBlock m)
    {
        if (_up != true || _channel is null) return;
        _channel.Send(new LiftFunctionBlocks(NextXid(), m.Flow));
    }
}
