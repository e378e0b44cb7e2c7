using System.Collections.Immutable;
using Akka.Actor;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Time;

namespace SdnController.Controller.Congestion;

/// <summary>
/// Measures load the way a real controller does: every interval it asks each switch actor to read its port
/// and flow counters, and turns the differences between two readings of a switch into bits per second — per
/// link direction from the sending port's TxBytes (offered load: the switch counts a frame before the link
/// queue may drop it) and per flow direction from its rules' bytes by cookie. Each round's figures go to the
/// flow manager as one <see cref="LinkLoads"/>, which decides what to move. Exists only when congestion
/// rerouting is on; it owns the previous readings, nothing else.
/// </summary>
public sealed class CongestionMonitorActor : ReceiveActor
{
    private readonly ControllerSetup _setup;
    private readonly IActorRef _flowManager;
    private readonly IClock _clock;
    private readonly TimeSpan _interval;
    /// <summary>Link direction by (switch id, port): 2·link for the link's A end, 2·link + 1 for its B end.</summary>
    private readonly Dictionary<string, Dictionary<int, int>> _directionOfPort = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SwitchReading> _previous = new(StringComparer.Ordinal);
    private readonly ImmutableDictionary<string, IActorRef> _switches;
    private IScheduledWork? _timer;

    private long _pollId;
    private Round? _round;

    public CongestionMonitorActor(ControllerSetup setup, IActorRef flowManager, ImmutableDictionary<string, IActorRef> switches)
    {
        _switches = switches;
        _setup = setup;
        _flowManager = flowManager;
        _clock = setup.Clock;
        _interval = setup.Options.Congestion?.Interval ?? throw new ArgumentException("congestion rerouting is off", nameof(setup));
        var links = setup.Topology.Links;
        for (var l = 0; l < links.Count; l++)
        {
            DirectionsOf(links[l].A.Node)[links[l].A.Port] = 2 * l;
            DirectionsOf(links[l].B.Node)[links[l].B.Port] = 2 * l + 1;
        }
        Receive<CongestionPollTick>(_ => OnTick());
        Receive<CountersSampled>(OnSampled);
    }

    /// <param name="switches">The switch actors by switch id (a restart of this actor starts polling them again, from fresh readings).</param>
    public static Props Props(ControllerSetup setup, IActorRef flowManager, ImmutableDictionary<string, IActorRef> switches) =>
        Akka.Actor.Props.Create(() => new CongestionMonitorActor(setup, flowManager, switches)).WithDispatcher(setup.Options.Dispatcher);

    protected override void PreStart() => Schedule();

    protected override void PostStop()
    {
        _timer?.Cancel();
        base.PostStop();
    }

    private Dictionary<int, int> DirectionsOf(string switchId)
    {
        if (!_directionOfPort.TryGetValue(switchId, out var d)) _directionOfPort[switchId] = d = new Dictionary<int, int>();
        return d;
    }

    private void Schedule()
    {
        var self = Self;
        _timer = _clock.Schedule(_interval, () => self.Tell(new CongestionPollTick()));
    }

    private void OnTick()
    {
        // A round some switch did not answer in time (it is down, or slow) reports what the others measured.
        if (_round is { Reported: false }) Report(_round);
        _round = new Round(++_pollId, 2 * _setup.Topology.Links.Count);
        var poll = new PollCounters(_pollId);
        foreach (var actor in _switches.Values) actor.Tell(poll, Self);
        Schedule();
    }

    private void OnSampled(CountersSampled m)
    {
        var reading = SwitchReading.Of(m);
        _previous.TryGetValue(m.SwitchId, out var before);
        _previous[m.SwitchId] = reading;
        if (_round is not { } round || round.PollId != m.PollId || round.Reported) return;
        round.Answered++;
        if (before is not null && reading.At > before.At)
        {
            var seconds = (reading.At - before.At).TotalSeconds;
            if (before.At < round.From) round.From = before.At;
            if (_directionOfPort.TryGetValue(m.SwitchId, out var directions))
                foreach (var (port, txBytes) in reading.TxBytes)
                    if (directions.TryGetValue(port, out var d) && before.TxBytes.TryGetValue(port, out var was) && txBytes >= was)
                        round.DirectionBps[d] = (txBytes - was) * 8 / seconds;
            // A rule replaced or re-added since the last reading restarted its counters: no figure from it this
            // time. The flow's other switches still give its rate.
            foreach (var (cookie, bytes) in reading.CookieBytes)
            {
                if (!before.CookieBytes.TryGetValue(cookie, out var was) || bytes < was) continue;
                var bps = (bytes - was) * 8 / seconds;
                ref var best = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(round.CookieBps, cookie, out var known);
                if (!known || bps > best) best = bps;
            }
        }
        if (round.Answered >= _switches.Count) Report(round);
    }

    private void Report(Round round)
    {
        round.Reported = true;
        if (round.From == TimeSpan.MaxValue) return;   // first readings: nothing to compare with yet
        _flowManager.Tell(new LinkLoads(round.PollId, round.From, _clock.Now, round.DirectionBps, round.CookieBps), Self);
    }

    /// <summary>One poll round's figures as they come in.</summary>
    private sealed class Round
    {
        public Round(long pollId, int directions)
        {
            PollId = pollId;
            DirectionBps = new double[directions];
            Array.Fill(DirectionBps, double.NaN);
        }

        public long PollId { get; }
        public double[] DirectionBps { get; }
        public Dictionary<ulong, double> CookieBps { get; } = new();
        public TimeSpan From = TimeSpan.MaxValue;
        public int Answered;
        public bool Reported;
    }

    /// <summary>One switch's counters at one moment: TxBytes by port, bytes by flow cookie (summed over the cookie's rules).</summary>
    private sealed record SwitchReading(TimeSpan At, Dictionary<int, ulong> TxBytes, Dictionary<ulong, ulong> CookieBytes)
    {
        public static SwitchReading Of(CountersSampled m)
        {
            var tx = new Dictionary<int, ulong>(m.Ports.IsDefault ? 0 : m.Ports.Length);
            if (!m.Ports.IsDefault)
                foreach (var p in m.Ports) tx[p.PortNo] = p.TxBytes;
            var bytes = new Dictionary<ulong, ulong>(m.Flows.IsDefault ? 0 : m.Flows.Length);
            if (!m.Flows.IsDefault)
                foreach (var f in m.Flows)
                {
                    // Both versions of a flow during a two-phase update carry its cookie: together they are its traffic here.
                    ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(bytes, f.Rule.Cookie, out _);
                    sum += f.Bytes;
                }
            return new SwitchReading(m.At, tx, bytes);
        }
    }
}
