using SdnController.Nfv.Functions;
using SdnController.Nfv.LoadBalancing;
using SdnController.Nfv.Packets;
using SdnController.Topology.Model.Nfv;
using static SdnController.Nfv.Tests.Frames;

namespace SdnController.Nfv.Tests;

public class LoadBalancerTests
{
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(1);
    private static readonly uint Vip = A("10.0.9.1");

    private static LoadBalancerBackend Backend(int i) => new($"h{i}", A("10.0.1.0") + (uint)i, 8080);

    private static LoadBalancerConfig Config(IEnumerable<int> backends) =>
        new(Vip, 80, TransportProtocol.Tcp, backends.Select(Backend).ToArray());

    private static LoadBalancerFunction Lb(int n)
    {
        var lb = new LoadBalancerFunction("lb1");
        lb.Configure(1, Config(Enumerable.Range(1, n)));
        return lb;
    }

    private static string?[] Assign(LoadBalancerFunction lb, int clients) =>
        Enumerable.Range(0, clients).Select(c => lb.Pick(A("172.16.0.0") + (uint)(c / 100), (ushort)(1024 + c % 100))?.Name).ToArray();

    [Test]
    public void SpreadsClientsEvenlyOverTheBackends()
    {
        var counts = Assign(Lb(4), 20000).GroupBy(n => n!).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(counts.Keys, Is.EquivalentTo(new[] { "h1", "h2", "h3", "h4" }));
        foreach (var (name, count) in counts)
            Assert.That(count / 20000.0, Is.EqualTo(0.25).Within(0.06), name);
    }

    [Test]
    public void RemovingOneBackendOfNMovesOnlyItsOwnFlows()
    {
        const int n = 5, clients = 20000;
        var lb = Lb(n);
        var before = Assign(lb, clients);
        lb.Configure(2, Config(new[] { 1, 2, 4, 5 }));
        var after = Assign(lb, clients);
        var moved = 0;
        for (var i = 0; i < clients; i++)
        {
            if (before[i] == after[i]) continue;
            moved++;
            Assert.That(before[i], Is.EqualTo("h3"), "only flows of the removed backend move");
        }
        Assert.That(moved / (double)clients, Is.EqualTo(1.0 / n).Within(0.06));

        // Adding a sixth takes about 1/6 from the others.
        lb.Configure(3, Config(Enumerable.Range(1, 6)));
        var grown = Assign(lb, clients);
        var toNew = grown.Count(g => g == "h6");
        var changed = Enumerable.Range(0, clients).Count(i => grown[i] != before[i] && before[i] != "h3");
        Assert.That(toNew / (double)clients, Is.EqualTo(1.0 / 6).Within(0.06));
        Assert.That(changed, Is.LessThanOrEqualTo(toNew), "a flow that moves goes to the new backend");
    }

    [Test]
    public void RewritesTheDestinationToTheBackendAndRepliesBackToTheVip()
    {
        var lb = Lb(3);
        var client = A("172.16.0.9");
        var syn = TestFrames.Tcp(client, 40000, Vip, 80, syn: true);
        var v = lb.Process(syn, T0);
        Assert.That(v.Action, Is.EqualTo(NfvAction.Rewritten));
        var chosen = lb.Pick(client, 40000)!;
        Assert.That(v.Rule, Is.EqualTo(int.Parse(chosen.Name[1..]) - 1));
        Assert.That((View(syn).Destination, View(syn).DestinationPort), Is.EqualTo((chosen.Address, (ushort)8080)));
        AssertChecksumsValid(syn);

        var reply = TestFrames.Tcp(chosen.Address, 8080, client, 40000, "hello"u8, syn: true, ack: true);
        Assert.That(lb.Process(reply, T0).Action, Is.EqualTo(NfvAction.Rewritten));
        Assert.That((View(reply).Source, View(reply).SourcePort), Is.EqualTo((Vip, (ushort)80)));
        AssertChecksumsValid(reply);

        Assert.That(lb.Process(TestFrames.Tcp(client, 40001, Vip, 81), T0).Reason, Is.EqualTo(DropReason.NoBackend), "nothing listens on :81");
        Assert.That(lb.Process(TestFrames.Udp(client, 40001, Vip, 80), T0).Reason, Is.EqualTo(DropReason.NoBackend), "tcp only");
        Assert.That(lb.Process(TestFrames.Tcp(client, 40001, A("10.0.1.1"), 8080), T0).Action, Is.EqualTo(NfvAction.Forward), "not for the VIP");
    }

    [Test]
    public void UnhealthyBackendsGetNoFlowsAndTheirConnectionsMove()
    {
        var lb = Lb(3);
        var clients = Enumerable.Range(0, 300).Select(i => (A("172.16.1.0") + (uint)i, (ushort)(2000 + i))).ToArray();
        var first = new Dictionary<int, uint>();
        for (var i = 0; i < clients.Length; i++)
        {
            var f = TestFrames.Tcp(clients[i].Item1, clients[i].Item2, Vip, 80);
            lb.Process(f, T0);
            first[i] = View(f).Destination;
        }
        Assert.That(lb.SetBackendHealth("h2", false));
        Assert.That(lb.SetBackendHealth("h9", false), Is.False);
        for (var i = 0; i < clients.Length; i++)
        {
            var f = TestFrames.Tcp(clients[i].Item1, clients[i].Item2, Vip, 80);
            lb.Process(f, T0 + TimeSpan.FromSeconds(1));
            var now = View(f).Destination;
            Assert.That(now, Is.Not.EqualTo(Backend(2).Address));
            if (first[i] != Backend(2).Address) Assert.That(now, Is.EqualTo(first[i]), "connections on healthy backends stay");
        }
        lb.SetBackendHealth("h1", false);
        lb.SetBackendHealth("h3", false);
        Assert.That(lb.Process(TestFrames.Tcp(clients[0].Item1, clients[0].Item2, Vip, 80), T0).Reason, Is.EqualTo(DropReason.NoBackend));
        lb.SetBackendHealth("h3", true);
        Assert.That(lb.Process(TestFrames.Tcp(clients[0].Item1, clients[0].Item2, Vip, 80), T0).Rule, Is.EqualTo(2));
        lb.Configure(2, Config(new[] { 1, 2, 3, 4 }));
        Assert.That((lb.IsHealthy("h1"), lb.IsHealthy("h3"), lb.IsHealthy("h4")), Is.EqualTo((false, true, true)), "health survives a new backend list");
    }

    [Test]
    public void Health_stated_by_the_configuration_is_the_whole_picture_and_survives_a_restart()
    {
        var lb = Lb(3);
        lb.SetBackendHealth("h1", false);
        lb.Configure(2, Config(new[] { 1, 2, 3 }) with { DownBackends = new[] { "h2" } });
        Assert.That((lb.IsHealthy("h1"), lb.IsHealthy("h2"), lb.IsHealthy("h3")), Is.EqualTo((true, false, true)), "the stated set replaces what was known");
        var fresh = new LoadBalancerFunction("lb");
        fresh.Configure(2, Config(new[] { 1, 2, 3 }) with { DownBackends = new[] { "h2" } });
        Assert.That(fresh.IsHealthy("h2"), Is.False, "a restarted instance gets the health with its rules");
        lb.Configure(3, Config(new[] { 1, 2, 3 }) with { DownBackends = Array.Empty<string>() });
        Assert.That(lb.IsHealthy("h2"), Is.True);
    }
}
