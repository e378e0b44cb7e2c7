using SdnController.Controller;
using SdnController.Topology.Scenarios;
using SdnController.VirtualNetwork;

namespace SdnController.Scenarios.Playback;

/// <summary>
/// Turns scenario events into timed changes of the virtual network (flaps and random failures expanded
/// here, seeded), and hands `expect` events to the checker. Times are run times; Origin maps them to the
/// loop clock.
/// </summary>
internal sealed class ScenarioPlayer
{
    private readonly SimulatedNetwork _network;
    private readonly ControllerHost _controller;
    private readonly ExpectationChecker _checker;
    private readonly TimeSpan _origin;
    private readonly int _seed;
    private readonly List<InjectedEvent> _injected = new();

    public ScenarioPlayer(SimulatedNetwork network, ControllerHost controller, ExpectationChecker checker, TimeSpan origin, int seed)
    {
        _network = network;
        _controller = controller;
        _checker = checker;
        _origin = origin;
        _seed = seed;
    }

    public IReadOnlyList<InjectedEvent> Injected => _injected;

    public void Schedule(Scenario scenario)
    {
        foreach (var e in scenario.Events)
        {
            switch (e)
            {
                case LinkStateEvent l:
                    At(l.At, () => SetLink(l.LinkId, l.Up, l.Silent, l.Up ? $"link {l.LinkId} up" : $"link {l.LinkId} down{(l.Silent ? " (silent)" : "")}"));
                    break;
                case SwitchStateEvent s:
                    At(s.At, () => SetSwitch(s.SwitchId, s.Up));
                    break;
                case NfvStateEvent n:
                    At(n.At, () => SetFunction(n.FunctionId, n.Up));
                    break;
                case LinkFlapEvent f:
                    for (var i = 0; i < f.Count; i++)
                    {
                        var n = i + 1;
                        At(f.At + f.Period * i, () => SetLink(f.LinkId, false, false, $"link {f.LinkId} down (flap {n}/{f.Count})"));
                        At(f.At + f.Period * i + f.Period / 2, () => SetLink(f.LinkId, true, false, $"link {f.LinkId} up (flap {n}/{f.Count})"));
                    }
                    break;
                case RandomLinkFailuresEvent r:
                    At(r.At, () => FailRandomLinks(r));
                    break;
                case ExpectEvent x:
                    At(x.At, () => _checker.Check(x, Now));
                    break;
            }
        }
    }

    /// <summary>Fault injection outside the scenario file (tests): crash a switch actor at run time At.</summary>
    public void CrashSwitchActorAt(TimeSpan at, string switchId) =>
        At(at, () =>
        {
            _injected.Add(new InjectedEvent(Now, InjectedKind.ActorCrash, Array.Empty<string>(), $"switch actor {switchId} crashes") { SwitchId = switchId });
            _controller.CrashSwitchActor(switchId);
        });

    private TimeSpan Now => _network.Loop.Clock.Now - _origin;

    private void At(TimeSpan runTime, Action action) => _network.Loop.ScheduleAt(_origin + runTime, action);

    private void SetLink(string linkId, bool up, bool silent, string description)
    {
        if (_network.IsLinkUp(linkId) == up) return; // already in that state: nothing happens, nothing to report
        _injected.Add(new InjectedEvent(Now, up ? InjectedKind.LinkUp : InjectedKind.LinkDown, new[] { linkId }, description) { Silent = silent && !up });
        _network.SetLinkState(linkId, up, silent && !up);
    }

    private void SetSwitch(string switchId, bool up)
    {
        if (_network.IsSwitchUp(switchId) == up) return;
        var links = new List<string>();
        foreach (var l in _network.Topology.Links)
            if (l.A.Node == switchId || l.B.Node == switchId) links.Add(l.Id);
        _injected.Add(new InjectedEvent(Now, up ? InjectedKind.SwitchUp : InjectedKind.SwitchDown, links,
            $"switch {switchId} {(up ? "up" : "down")}") { SwitchId = switchId });
        _network.SetSwitchState(switchId, up);
    }

    private void SetFunction(string functionId, bool up)
    {
        if (_network.IsFunctionUp(functionId) == up) return;
        _injected.Add(new InjectedEvent(Now, up ? InjectedKind.FunctionUp : InjectedKind.FunctionDown, Array.Empty<string>(),
            $"nfv {functionId} {(up ? "up (restarted, unconfigured)" : "down")}") { FunctionId = functionId });
        _network.SetFunctionState(functionId, up);
    }

    private void FailRandomLinks(RandomLinkFailuresEvent r)
    {
        // Candidates in topology order, then a seeded choice: the same seed picks the same links.
        var candidates = new List<string>();
        foreach (var l in _network.Topology.Links)
            if (l.A.Node != l.B.Node && _network.IsLinkUp(l.Id)) candidates.Add(l.Id);
        var seed = r.SeedStated ? r.Seed : _seed;
        var count = Math.Min(r.Count, candidates.Count);
        SeededSample.MoveToFront(candidates, count, seed);
        for (var i = 0; i < count; i++)
        {
            var id = candidates[i];
            SetLink(id, false, false, $"link {id} down (random {i + 1}/{r.Count}, seed {seed})");
            if (r.RestoreAfter is { } after)
                At(Now + after, () => SetLink(id, true, false, $"link {id} up (random restore)"));
        }
    }
}
