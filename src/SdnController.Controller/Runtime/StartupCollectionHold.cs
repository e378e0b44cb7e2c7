using System.Runtime;

namespace SdnController.Controller.Runtime;

/// <summary>
/// Holds garbage collection off while a large network and its controller start: actors, switch sessions,
/// routes and half a million rules are built in one burst and nearly all of it stays alive, so collections
/// during the burst only copy live state (10,000 switches: ~1 GiB allocated, ~85% of it live at the end;
/// the collections were a fifth of the start-up's CPU). The hold is one runtime no-GC region for the
/// process, sized from the network, begun by whoever starts the burst (the run before it builds the
/// simulated network, or the controller host) and ended when the controller's initial install completes —
/// or by the runtime itself (one collection, as before) if the start-up allocates more than was reserved.
/// Small networks start in milliseconds and are not held.
/// </summary>
public static class StartupCollectionHold
{
    /// <summary>Below this estimate a start-up is not held (the collections it would skip cost little).</summary>
    public const long MinimumBytes = 512L << 20;

    private static readonly Lock Gate = new();
    private static bool _held;

    /// <summary>Bytes a start-up allocates, with margin: per switch (actor, session, tables), per port (LLDP, link state), per host.</summary>
    public static long EstimateBytes(Topology.Model.Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var ports = 2L * topology.Links.Count + topology.Hosts.Count;
        return (256L << 20) + topology.Switches.Count * (32L << 10) + ports * (2L << 10) + topology.Hosts.Count * (4L << 10);
    }

    /// <summary>Begins the hold when the estimate is large enough and none is active; true if this call began it.</summary>
    public static bool TryBegin(long estimatedBytes)
    {
        if (estimatedBytes < MinimumBytes) return false;
        // Never reserve more than a quarter of what the process may use.
        var bytes = Math.Min(estimatedBytes, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);
        if (bytes < MinimumBytes) return false;
        lock (Gate)
        {
            if (_held || GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return false;
            try
            {
                _held = GC.TryStartNoGCRegion(bytes);
            }
            catch (ArgumentOutOfRangeException) { return false; }   // more than this runtime can reserve
            catch (InvalidOperationException) { return false; }     // a region someone else began is active
            return _held;
        }
    }

    /// <summary>
    /// Begins the hold for this network's start-up (see <see cref="EstimateBytes"/>); the returned lease ends it
    /// when disposed, once. Null when the start-up is too small or another hold is active.
    /// </summary>
    public static Lease? TryBeginFor(Topology.Model.Topology topology) =>
        TryBegin(EstimateBytes(topology)) ? new Lease() : null;

    /// <summary>The hold one caller began: disposing it ends the hold (later disposals do nothing).</summary>
    public sealed class Lease : IDisposable
    {
        private int _ended;
        internal Lease() { }
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0) End();
        }
    }

    /// <summary>True while a hold begun here is in force (the runtime ends it early if the reserve runs out).</summary>
    public static bool IsHeld
    {
        get { lock (Gate) return _held && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion; }
    }

    /// <summary>Ends the hold if one begun here is still in force; safe to call any number of times.</summary>
    public static void End()
    {
        lock (Gate)
        {
            if (!_held) return;
            _held = false;
            if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return;
            try { GC.EndNoGCRegion(); }
            catch (InvalidOperationException) { }   // a collection ended it already
        }
    }
}
