using SdnController.Topology.Model.Nfv;

namespace SdnController.Nfv.Functions;

/// <summary>
/// The versioning and counting every function shares. Before the first configuration a function drops
/// everything: an unconfigured firewall must not pass traffic.
/// </summary>
public abstract class NetworkFunction<TConfig> : INetworkFunction where TConfig : NfvConfig
{
    protected NetworkFunction(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
        Counters = new NfvCounters(Array.Empty<string>());
    }

    public string Id { get; }
    public abstract NfvKind Kind { get; }
    public long AppliedVersion { get; private set; }
    public NfvCounters Counters { get; private set; }
    /// <summary>The configuration in force, or null before the first.</summary>
    public TConfig? Config { get; private set; }

    public ConfigureResult Configure(long version, NfvConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (version < 1) throw new ArgumentException($"configuration versions start at 1, got {version}", nameof(version));
        if (config is not TConfig typed)
            throw new ArgumentException($"{NfvKinds.Name(Kind)} '{Id}' cannot apply a {NfvKinds.Name(config.Kind)} configuration", nameof(config));
        if (version == AppliedVersion) return ConfigureResult.AlreadyApplied;
        if (version < AppliedVersion) return ConfigureResult.Stale;
        Apply(typed, Config);
        Config = typed;
        AppliedVersion = version;
        Counters = Counters.WithRules(RuleNames(typed));
        return ConfigureResult.Applied;
    }

    public NfvVerdict Process(Span<byte> frame, TimeSpan now, string? trafficClass = null)
    {
        var verdict = Config is null ? NfvVerdict.Drop(DropReason.DefaultDeny) : ProcessFrame(frame, now, trafficClass);
        Counters.Count(verdict);
        return verdict;
    }

    /// <summary>Takes the new rules into use; <paramref name="previous"/> is the config they replace, or null.</summary>
    protected abstract void Apply(TConfig config, TConfig? previous);

    /// <summary>Names of the rules <see cref="NfvVerdict.Rule"/> indexes, for the counters.</summary>
    protected abstract IReadOnlyList<string> RuleNames(TConfig config);

    protected abstract NfvVerdict ProcessFrame(Span<byte> frame, TimeSpan now, string? trafficClass);
}
