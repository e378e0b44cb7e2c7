using SdnController.VirtualNetwork;

namespace SdnController.RealHosts;

/// <summary>
/// Every <c>real: true</c> host of a network, each a namespace wired to its switch port. Start it before the
/// loop runs (or on the loop thread); Dispose — or Ctrl-C, SIGTERM, process exit — removes every namespace
/// and veth it made, and a later start removes what a crashed run of this tool left.
/// </summary>
public sealed class RealHostSet : IDisposable
{
    private readonly List<RealHost> _hosts;
    private readonly SimulatedNetwork _network;
    private readonly Lock _gate = new();
    private bool _disposed;

    private RealHostSet(SimulatedNetwork network, List<RealHost> hosts)
    {
        _network = network;
        _hosts = hosts;
    }

    public IReadOnlyList<RealHost> Hosts => _hosts;

    /// <summary>Why real hosts cannot run on this machine (not Linux, not root, no `ip netns`), or null when they can.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux()) return "real hosts need Linux network namespaces";
        if (!Environment.IsPrivilegedProcess) return "real hosts need root (creating network namespaces and veth pairs); run as root";
        var r = ToolRunner.Run("ip", "netns", "list");
        if (!r.Ok) return $"real hosts need 'ip netns' (iproute2): {(r.ExitCode == 127 ? "ip is not installed" : r.Stderr.Trim())}";
        return null;
    }

    /// <summary>Creates the namespaces of the network's real hosts and attaches them; a network without any gives an empty set.</summary>
    public static RealHostSet Start(SimulatedNetwork network, RealHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new RealHostOptions();
        RealHostNames.CheckPrefix(options.Prefix);
        var hosts = new List<RealHost>();
        var set = new RealHostSet(network, hosts);
        var any = false;
        foreach (var h in network.Hosts) any |= h.Model.Real;
        if (!any) return set;
        if (network.Loop.IsVirtual)
            throw new RealHostException("real hosts run in wall-clock time: use a real-time loop (sdnctl run --realtime)");
        if (Unavailable() is { } why) throw new RealHostException(why);

        var records = new OwnershipRecords(options.RecordsDirectory);
        SweepStale(records);
        EmergencyCleanup.Register(set);
        try
        {
            foreach (var h in network.Hosts)
            {
                if (!h.Model.Real) continue;
                var names = RealHostNames.For(h.Id, options.Prefix);
                var ns = NamespaceHost.Create(h.Model, names, records);
                PcapPort port;
                try
                {
                    port = PcapPort.Open(names.Veth);
                }
                catch
                {
                    ns.Dispose();
                    throw;
                }
                var real = new RealHost(h, network.Loop, ns, port);
                lock (set._gate)
                {
                    // Ctrl-C during start-up already cleaned up: this one would be left behind.
                    if (set._disposed)
                    {
                        real.Close();
                        throw new RealHostException("interrupted while creating the real hosts");
                    }
                    hosts.Add(real);
                }
                h.AttachNic(real);
            }
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>Namespaces a run of this tool made and did not remove (it crashed or was killed): gone now.</summary>
    private static void SweepStale(OwnershipRecords records)
    {
        foreach (var r in records.All())
        {
            if (OwnershipRecords.IsAlive(r)) continue;
            NamespaceHost.Remove(r.Namespace, r.Veth);
            records.Remove(r.Namespace);
        }
    }

    /// <summary>
    /// Removes every namespace and veth. Held under the lock throughout: a Ctrl-C arriving while the run is already
    /// cleaning up waits for it to finish instead of letting the process end half-way.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var h in _hosts)
            {
                foreach (var v in _network.Hosts)
                    if (v.Id == h.HostId) v.DetachNic();
                h.Close();
            }
        }
        EmergencyCleanup.Unregister(this);
    }
}
