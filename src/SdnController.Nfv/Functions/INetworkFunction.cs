using SdnController.Topology.Model.Nfv;

namespace SdnController.Nfv.Functions;

public enum ConfigureResult
{
    /// <summary>The version was newer than the applied one; its rules are in force now.</summary>
    Applied,
    /// <summary>This version is already applied (a repeated push): nothing changed.</summary>
    AlreadyApplied,
    /// <summary>An older version than the applied one (a push overtaken by a newer one): ignored.</summary>
    Stale,
}

/// <summary>
/// One network function processing Ethernet frames. Frames are rewritten in place (the length never
/// changes); no frame, however cut off or garbled, makes it throw. Single-threaded: one instance is driven
/// by one event loop.
/// </summary>
public interface INetworkFunction
{
    string Id { get; }
    NfvKind Kind { get; }
    /// <summary>The version of the configuration in force; 0 before the first <see cref="Configure"/>.</summary>
    long AppliedVersion { get; }
    NfvCounters Counters { get; }

    /// <summary>
    /// Applies <paramref name="config"/> as <paramref name="version"/> (≥ 1). Idempotent: the controller may
    /// push a version again (after a lost acknowledgement, or to a restarted instance) and only a newer
    /// version changes anything. Connection state survives where the new rules still allow it.
    /// </summary>
    /// <exception cref="ArgumentException">The config is for another kind of function, or version &lt; 1.</exception>
    ConfigureResult Configure(long version, NfvConfig config);

    /// <param name="frame">The whole Ethernet frame; rewritten in place when the verdict says so.</param>
    /// <param name="now">The run's clock, for timeouts and token buckets; must not go backwards.</param>
    /// <param name="trafficClass">The packet's traffic class from the classifier, or null (rate limiter rules by class).</param>
    NfvVerdict Process(Span<byte> frame, TimeSpan now, string? trafficClass = null);
}
