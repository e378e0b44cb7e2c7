using SdnController.Controller.Observation;

namespace SdnController.Scenarios.Interactive;

/// <summary>
/// Every controller event of a session, in order (on the loop thread), with the answers the session waits
/// for: connectivity confirmations by host pair, and the time of the latest event (to tell when the
/// controller went quiet).
/// </summary>
internal sealed class SessionObserver : IControllerObserver
{
    private readonly List<ControllerEvent> _events = new();
    private readonly Dictionary<(string, string), ConnectivityReady> _ready = new();
    private readonly HashSet<string> _connected = new(StringComparer.Ordinal);

    public IReadOnlyList<ControllerEvent> Events => _events;
    public InitialInstallCompleted? Installed { get; private set; }
    public int ConnectedSwitches => _connected.Count;
    /// <summary>Network functions the controller has configured at least once.</summary>
    public int ConfiguredFunctions => _configured.Count;
    private readonly HashSet<string> _configured = new(StringComparer.Ordinal);
    public RerouteCompleted? LastReroute { get; private set; }
    /// <summary>The trace of every reroute so far, in order (default when none was recorded).</summary>
    public IReadOnlyList<System.Diagnostics.ActivityContext> RerouteTraces => _traces;
    private readonly List<System.Diagnostics.ActivityContext> _traces = new();

    public void OnEvent(ControllerEvent e)
    {
        _events.Add(e);
        switch (e)
        {
            case InitialInstallCompleted done:
                Installed = done;
                break;
            case SwitchConnected c:
                _connected.Add(c.SwitchId);
                break;
            case SwitchDisconnected d:
                _connected.Remove(d.SwitchId);
                break;
            case ConnectivityReady r:
                _ready[PairKey(r.HostA, r.HostB)] = r;
                break;
            case FunctionConfigurationApplied f:
                _configured.Add(f.FunctionId);
                break;
            case RerouteCompleted r:
                LastReroute = r;
                _traces.Add(r.Trace);
                break;
        }
    }

    public bool IsConnected(string switchId) => _connected.Contains(switchId);

    /// <summary>Forget a pair's last confirmation before asking again, so the next one is the answer.</summary>
    public void ForgetReady(string a, string b) => _ready.Remove(PairKey(a, b));

    public ConnectivityReady? Ready(string a, string b) => _ready.GetValueOrDefault(PairKey(a, b));

    public static (string, string) PairKey(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
}
