using SdnController.Topology.Model;

namespace SdnController.RealHosts;

/// <summary>
/// One real host on the Linux side: network namespace <see cref="RealHostNames.Namespace"/> holding <c>eth0</c>
/// with the topology host's MAC, addresses and an on-link default route (every destination is ARPed for and
/// the controller's proxy ARP answers), and the veth's other end <see cref="RealHostNames.Veth"/> in the root
/// namespace, up, where the virtual switch's port captures and injects. Dispose removes both.
/// </summary>
internal sealed class NamespaceHost : IDisposable
{
    private readonly OwnershipRecords _records;
    private bool _removed;

    private NamespaceHost(RealHostNames names, OwnershipRecords records)
    {
        Names = names;
        _records = records;
    }

    public RealHostNames Names { get; }

    public static bool NamespaceExists(string ns) => File.Exists(Path.Combine("/run/netns", ns));
    public static bool InterfaceExists(string name) => Directory.Exists(Path.Combine("/sys/class/net", name));

    public static NamespaceHost Create(Host model, RealHostNames names, OwnershipRecords records)
    {
        if (model.IPv4 is null) throw new RealHostException($"real host '{model.Id}' has no IPv4 address");
        ClearLeftovers(names, records);
        // Recorded before anything exists: a crash half-way through still leaves a record the next run sweeps.
        records.Write(names);
        var host = new NamespaceHost(names, records);
        try
        {
            host.Build(model);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Our own leftovers of a run that died are removed; anything else by these names is refused, never touched.</summary>
    private static void ClearLeftovers(RealHostNames names, OwnershipRecords records)
    {
        var nsExists = NamespaceExists(names.Namespace);
        var vethExists = InterfaceExists(names.Veth);
        if (!nsExists && !vethExists) return;
        var record = records.Find(names.Namespace);
        var what = nsExists ? $"network namespace '{names.Namespace}'" : $"interface '{names.Veth}'";
        if (record is not { } r || r.Veth != names.Veth)
            throw new RealHostException(
                $"{what} for real host '{names.HostId}' already exists and was not created by sdnctl; remove it yourself " +
                $"({(nsExists ? $"ip netns del {names.Namespace}" : $"ip link del {names.Veth}")}) or rename the host");
        if (OwnershipRecords.IsAlive(r) && r.Pid != Environment.ProcessId)
            throw new RealHostException($"{what} for real host '{names.HostId}' is in use by another sdnctl run (process {r.Pid})");
        Remove(names.Namespace, names.Veth);
        records.Remove(names.Namespace);
    }

    private void Build(Host model)
    {
        var ns = Names.Namespace;
        const string eth = RealHostNames.InnerInterface;
        ToolRunner.Ip("netns", "add", ns);
        ToolRunner.Ip("link", "add", Names.Veth, "type", "veth", "peer", "name", eth, "netns", ns);
        ToolRunner.Ip("-n", ns, "link", "set", eth, "address", Host.FormatMac(model.Mac));
        // Linux would otherwise send router solicitations, MLD and DAD on its own; the root side stays quiet too.
        if (model.IPv6 is null) Sysctl(ns, $"net/ipv6/conf/{eth}/disable_ipv6");
        File.WriteAllText($"/proc/sys/net/ipv6/conf/{Names.Veth}/disable_ipv6", "1");
        DisableOffloads();
        ToolRunner.Ip("-n", ns, "addr", "add", model.IPv4!.ToString(), "dev", eth);
        if (model.IPv6 is { } v6) ToolRunner.Ip("-n", ns, "addr", "add", v6.ToString(), "dev", eth, "nodad");
        ToolRunner.Ip("-n", ns, "link", "set", "lo", "up");
        ToolRunner.Ip("-n", ns, "link", "set", eth, "up");
        ToolRunner.Ip("link", "set", Names.Veth, "up");
        ToolRunner.Ip("-n", ns, "route", "add", "default", "dev", eth);
        if (model.IPv6 is not null) ToolRunner.Ip("-n", ns, "-6", "route", "add", "default", "dev", eth);
    }

    /// <summary>
    /// A veth hands frames to its peer with checksums left to "hardware" and TCP segments up to 64 KiB (TSO/GSO);
    /// captured on the switch side such frames would reach the other host with bad checksums or too big for
    /// its link. Off, the kernel sends ordinary, complete Ethernet frames.
    /// </summary>
    private void DisableOffloads()
    {
        var r = ToolRunner.Run("ip", "netns", "exec", Names.Namespace, "ethtool", "-K", RealHostNames.InnerInterface, "tx", "off", "sg", "off", "tso", "off", "gso", "off");
        if (!r.Ok)
            throw new RealHostException(r.ExitCode == 127 || r.Stderr.Contains("No such file", StringComparison.Ordinal)
                ? "ethtool is needed to turn checksum and segmentation offload off on real hosts' veths (tools/setup.sh installs it)"
                : $"'ethtool -K {RealHostNames.InnerInterface} tx off sg off tso off gso off' in '{Names.Namespace}' failed: {r.Stderr.Trim()}");
        // Receive side too: with GRO the switch side could see merged segments.
        ToolRunner.Run("ethtool", "-K", Names.Veth, "gro", "off");
    }

    private static void Sysctl(string ns, string key)
    {
        // /proc/sys/net is per network namespace: written from inside it, it configures that namespace.
        var r = ToolRunner.Run("ip", "netns", "exec", ns, "sh", "-c", $"echo 1 > /proc/sys/{key}");
        if (!r.Ok) throw new RealHostException($"setting {key.Replace('/', '.')} in '{ns}' failed: {r.Stderr.Trim()}");
    }

    /// <summary>Deleting the root-side end removes the pair at once (deleting only the namespace frees it asynchronously).</summary>
    internal static void Remove(string ns, string veth)
    {
        if (InterfaceExists(veth)) ToolRunner.TryIp("link", "del", veth);
        if (NamespaceExists(ns)) ToolRunner.TryIp("netns", "del", ns);
    }

    public void Dispose()
    {
        if (_removed) return;
        _removed = true;
        Remove(Names.Namespace, Names.Veth);
        _records.Remove(Names.Namespace);
    }
}
