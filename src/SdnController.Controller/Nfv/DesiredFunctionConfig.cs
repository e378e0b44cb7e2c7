using SdnController.Topology.Model.Nfv;

namespace SdnController.Controller.Nfv;

/// <summary>
/// An instance's desired configuration and its version. Outlives the actor's incarnations (the supervisor's
/// restart reuses the actor's producer, which holds it), so a restarted actor pushes the replaced rules, not
/// the topology's again. Only the actor's current incarnation touches it; the lock orders the hand-over
/// between incarnations, which may run on different threads.
/// </summary>
public sealed class DesiredFunctionConfig
{
    private readonly object _gate = new();
    private long _version;
    private NfvConfig? _config;

    /// <summary>The topology's rules as version 1 (null config: nothing to push).</summary>
    public DesiredFunctionConfig(NfvConfig? initial)
    {
        _config = initial;
        _version = initial is null ? 0 : 1;
    }

    /// <summary>A configuration recovered from the intent store, under the version it had when it was replaced.</summary>
    public DesiredFunctionConfig(NfvConfig config, long version)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        _config = config;
        _version = version;
    }

    public (long Version, NfvConfig? Config) Current
    {
        get { lock (_gate) return (_version, _config); }
    }

    /// <summary>A new version, above <paramref name="atLeastAbove"/> and the current one, for <paramref name="config"/>.</summary>
    public long Replace(NfvConfig config, long atLeastAbove)
    {
        lock (_gate)
        {
            _version = Math.Max(_version, atLeastAbove) + 1;
            _config = config;
            return _version;
        }
    }
}
