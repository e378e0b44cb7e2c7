using SdnController.Controller;
using SdnController.Controller.Observation;
using SdnController.Topology.Scenarios;
using SdnController.VirtualNetwork;

namespace SdnController.Scenarios.Playback;

/// <summary>
/// Runs `expect` checks with real pings: ask the controller for ICMP connectivity between the two hosts,
/// wait until it says the rules are confirmed, then ping through the virtual network.
/// "Connected pairs reach" pings every host pair (or a seeded sample): pairs connected in the current
/// graph must answer, pairs cut off must not.
/// </summary>
internal sealed class ExpectationChecker
{
    private readonly SimulatedNetwork _network;
    private readonly ControllerHost _controller;
    private readonly LiveConnectivity _connectivity;
    private readonly RunOptions _options;
    private readonly TimeSpan _origin;
    private readonly int _seed;
    private readonly Dictionary<(string, string), Queue<PendingCheck>> _waiting = new();
    private readonly List<ExpectationResult> _results = new();
    private int _outstanding;

    public ExpectationChecker(SimulatedNetwork network, ControllerHost controller, LiveConnectivity connectivity, RunOptions options, TimeSpan origin, int seed)
    {
        _connectivity = connectivity;
        _network = network;
        _controller = controller;
        _options = options;
        _origin = origin;
        _seed = seed;
    }

    public IReadOnlyList<ExpectationResult> Results => _results;
    /// <summary>Checks started but not finished (reported as failed at the end of the run).</summary>
    public int Outstanding => _outstanding;

    private sealed record PendingCheck(TimeSpan At, string Check, string From, string To, bool ExpectedReach);

    public void Check(ExpectEvent e, TimeSpan runNow)
    {
        switch (e.Kind)
        {
            case ExpectKind.Reaches:
                Start(new PendingCheck(runNow, $"{e.From} reaches {e.To}", e.From!, e.To!, true));
                break;
            case ExpectKind.CannotReach:
                Start(new PendingCheck(runNow, $"{e.From} cannot reach {e.To}", e.From!, e.To!, false));
                break;
            case ExpectKind.ConnectedPairsReach:
                var component = _connectivity.HostComponents();
                var hosts = _network.Topology.Hosts;
                var pairs = new List<(int, int)>();
                // Pings are IPv4: hosts without an address take no part.
                for (var a = 0; a < hosts.Count; a++)
                    for (var b = a + 1; b < hosts.Count; b++)
                        if (hosts[a].IPv4 is not null && hosts[b].IPv4 is not null) pairs.Add((a, b));
                if (pairs.Count > _options.MaxExpectPairs) pairs = Sample(pairs, _options.MaxExpectPairs);
                foreach (var (a, b) in pairs)
                {
                    var connected = component[a] >= 0 && component[a] == component[b];
                    Start(new PendingCheck(runNow, "connected pairs reach", hosts[a].Id, hosts[b].Id, connected));
                }
                break;
        }
    }

    private List<(int, int)> Sample(List<(int, int)> pairs, int n)
    {
        SeededSample.MoveToFront(pairs, n, _seed);
        var sample = pairs.GetRange(0, n);
        sample.Sort();
        return sample;
    }

    private void Start(PendingCheck check)
    {
        _outstanding++;
        var key = Key(check.From, check.To);
        if (!_waiting.TryGetValue(key, out var queue)) _waiting[key] = queue = new Queue<PendingCheck>();
        queue.Enqueue(check);
        _controller.EnsureConnectivity(check.From, check.To);
    }

    private static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    /// <summary>Called for every controller event, from inside the controller's actor: it only schedules work.</summary>
    public void OnControllerEvent(ControllerEvent e)
    {
        if (e is not ConnectivityReady ready) return;
        if (!_waiting.TryGetValue(Key(ready.HostA, ready.HostB), out var queue) || queue.Count == 0) return;
        var check = queue.Dequeue();
        // The ping starts on the loop, outside the actor that raised the event: nothing the data plane
        // does can then fail the controller.
        _network.Loop.Post(() => StartPing(check, ready.Reachable));
    }

    private void StartPing(PendingCheck check, bool controllerReachable)
    {
        try
        {
            Ping(check, controllerReachable);
        }
        catch (ArgumentException error)
        {
            _outstanding--;
            _results.Add(new ExpectationResult(check.At, check.Check, check.From, check.To, check.ExpectedReach, false, $"could not ping: {error.Message}"));
        }
    }

    private void Ping(PendingCheck check, bool controllerReachable)
    {
        _network.Ping(check.From, check.To, _options.PingTimeout, result =>
        {
            _outstanding--;
            var passed = result.Replied == check.ExpectedReach;
            var detail = result.Replied
                ? $"reply in {result.RoundTrip.TotalMilliseconds:0.###} ms"
                : (controllerReachable ? "no reply" : "no reply (controller: no path)");
            _results.Add(new ExpectationResult(check.At, check.Check, check.From, check.To, check.ExpectedReach, passed, detail)
            {
                RoundTrip = result.Replied ? result.RoundTrip : null,
            });
        });
    }

    public void FailOutstanding()
    {
        foreach (var queue in _waiting.Values)
            while (queue.Count > 0)
            {
                var c = queue.Dequeue();
                _results.Add(new ExpectationResult(c.At, c.Check, c.From, c.To, c.ExpectedReach, false, "no answer from the controller before the run ended"));
            }
    }
}
