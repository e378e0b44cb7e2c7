using System.Diagnostics;
using System.Globalization;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Yaml;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Simulation;

namespace SdnController.RealHosts.Tests;

/// <summary>
/// Namespaces and veths come and go with the set; a crashed run's leftovers (recorded as ours, process gone) are
/// removed at the next start; a namespace this tool did not create is refused and left alone. Each test touches
/// only the namespace it names (sdn-c1) and its own records directory.
/// </summary>
[TestFixture, NonParallelizable]
public class RealHostLifecycleTests
{
    private const string Ns = "sdn-c1";
    private const string Topology = """
        name: real-host-lifecycle
        controller:
          routing: reactive
        switches:
          - id: s1
        hosts:
          - {id: c1, ipv4: 10.78.0.1/24, ipv6: "fd78::1/64", attach: "s1:1", real: true}
          - {id: c2, ipv4: 10.78.0.2/24, attach: "s1:2"}
        """;

    private DirectoryInfo _records = null!;

    [SetUp]
    public void Records() => _records = Directory.CreateTempSubdirectory("sdn-realhosts-records-");

    [TearDown]
    public void RemoveLeftovers()
    {
        // Only what these tests made: the one namespace and veth named sdn-c1.
        if (Netns.InterfaceExists(Ns)) Run("ip", "link", "del", Ns);
        if (Netns.NamespaceExists(Ns)) Run("ip", "netns", "del", Ns);
        _records.Delete(recursive: true);
    }

    private static (EventLoop, SimulatedNetwork) Network(bool realTime = true)
    {
        var bag = new DiagnosticBag();
        var topology = TopologyYamlLoader.LoadText(Topology, "lifecycle.yaml", bag) ?? throw new InvalidOperationException(string.Join('\n', bag.Items));
        var loop = realTime ? EventLoop.CreateRealTime() : EventLoop.CreateVirtual();
        return (loop, new SimulatedNetwork(topology, loop, new NetworkOptions()));
    }

    private RealHostOptions Options => new() { RecordsDirectory = _records.FullName };

    [Test]
    public void The_namespace_has_the_hosts_addresses_and_is_gone_with_its_veth_after_dispose()
    {
        RealHostRequirements.Require();
        var (loop, net) = Network();
        using (loop)
        {
            var set = RealHostSet.Start(net, Options);
            try
            {
                Assert.That(set.Hosts.Select(h => (h.HostId, h.Names.Namespace, h.Names.Veth)), Is.EqualTo(new[] { ("c1", Ns, Ns) }), "only the real host");
                Assert.That(net.Hosts[0].HasExternalNic && !net.Hosts[1].HasExternalNic, Is.True);
                Assert.That(Netns.NamespaceExists(Ns) && Netns.InterfaceExists(Ns), Is.True);
                var addr = Netns.Exec(Ns, TimeSpan.FromSeconds(5), "ip", "-o", "addr", "show", "dev", "eth0").Stdout;
                Assert.That(addr, Does.Contain("10.78.0.1/24").And.Contain("fd78::1/64"));
                var link = Netns.Exec(Ns, TimeSpan.FromSeconds(5), "ip", "-o", "link", "show", "dev", "eth0").Stdout;
                Assert.That(link, Does.Contain("state UP").And.Contain("link/ether " + Host(net).ToLowerInvariant()));
                var routes = Netns.Exec(Ns, TimeSpan.FromSeconds(5), "ip", "route").Stdout;
                Assert.That(routes, Does.Contain("default dev eth0"));
                Assert.That(Directory.GetFiles(_records.FullName).Select(Path.GetFileName), Is.EqualTo(new[] { Ns }), "recorded as ours");
            }
            finally
            {
                set.Dispose();
            }
            Assert.That(Netns.NamespaceExists(Ns), Is.False, "namespace removed");
            Assert.That(Netns.InterfaceExists(Ns), Is.False, "veth removed");
            Assert.That(Directory.GetFiles(_records.FullName), Is.Empty, "record removed");
            Assert.That(net.Hosts[0].HasExternalNic, Is.False, "the host is back on its simulated stack");
        }
    }

    private static string Host(SimulatedNetwork net) => SdnController.Topology.Model.Host.FormatMac(net.Hosts[0].Model.Mac);

    [Test]
    public void A_crashed_runs_leftovers_are_removed_at_the_next_start()
    {
        RealHostRequirements.Require();
        // What a run killed half-way leaves: the namespace, the veth pair, and its record naming a process that is gone.
        Run("ip", "netns", "add", Ns);
        Run("ip", "link", "add", Ns, "type", "veth", "peer", "name", "eth0", "netns", Ns);
        File.WriteAllText(Path.Combine(_records.FullName, Ns), $"veth={Ns}\npid={DeadPid().ToString(CultureInfo.InvariantCulture)}\nstart=1\n");

        var (loop, net) = Network();
        using (loop)
        using (var set = RealHostSet.Start(net, Options))
        {
            Assert.That(set.Hosts, Has.Count.EqualTo(1));
            var addr = Netns.Exec(Ns, TimeSpan.FromSeconds(5), "ip", "-o", "addr", "show", "dev", "eth0").Stdout;
            Assert.That(addr, Does.Contain("10.78.0.1/24"), "a fresh namespace replaced the leftover");
        }
        Assert.That(Netns.NamespaceExists(Ns) || Netns.InterfaceExists(Ns), Is.False);
    }

    [Test]
    public void A_namespace_this_tool_did_not_create_is_refused_and_left_alone()
    {
        RealHostRequirements.Require();
        Run("ip", "netns", "add", Ns);
        var (loop, net) = Network();
        using (loop)
        {
            var e = Assert.Throws<RealHostException>(() => RealHostSet.Start(net, Options));
            Assert.That(e!.Message, Does.Contain("network namespace 'sdn-c1' for real host 'c1' already exists and was not created by sdnctl")
                .And.Contain("ip netns del sdn-c1"));
        }
        Assert.That(Netns.NamespaceExists(Ns), Is.True, "someone else's namespace is not touched");
        Assert.That(Netns.InterfaceExists(Ns), Is.False);
    }

    [Test]
    public void Real_hosts_refuse_a_virtual_time_loop()
    {
        var (loop, net) = Network(realTime: false);
        using (loop)
        {
            var e = Assert.Throws<RealHostException>(() => RealHostSet.Start(net, Options));
            Assert.That(e!.Message, Does.Contain("wall-clock time").And.Contain("--realtime"));
        }
    }

    [Test]
    public void Names_are_the_prefix_and_host_id_or_a_stable_hash_when_that_cannot_be_an_interface_name()
    {
        Assert.That(RealHostNames.For("h1"), Is.EqualTo(new RealHostNames("h1", "sdn-h1", "sdn-h1")));
        var longId = RealHostNames.For("frankfurt-edge-7");
        Assert.That(longId.Namespace, Is.EqualTo("sdn-frankfurt-edge-7"), "namespace names may be long");
        Assert.That(longId.Veth, Does.Match("^sdn-[0-9a-f]{8}$"), "interface names have at most 15 characters");
        Assert.That(RealHostNames.For("frankfurt-edge-7"), Is.EqualTo(longId), "deterministic");
        Assert.That(RealHostNames.For("frankfurt-edge-8").Veth, Is.Not.EqualTo(longId.Veth));
        var odd = RealHostNames.For("h/1");
        Assert.That(odd.Namespace, Does.Match("^sdn-[0-9a-f]{8}$"), "'/' cannot be in a namespace name");
        Assert.That(odd.Veth, Is.EqualTo(odd.Namespace));
        Assert.That(RealHostNames.For("h1", "t-").Namespace, Is.EqualTo("t-h1"));
        Assert.Throws<ArgumentException>(() => RealHostNames.For("h1", "much-too-long-"));
    }

    private static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.EqualTo(0), $"{file} {string.Join(' ', args)}: {err}");
    }
}
