using System.Collections.Immutable;
using System.Text.Json;
using SdnController.Controller.Persistence;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Controller.Tests.Persistence;

/// <summary>
/// A runtime-replaced function configuration as the intent store keeps it: every kind's every field reads back from the
/// stored JSON, and the folded state keeps the latest configuration per function, superseding earlier backend health.
/// </summary>
public class FunctionConfigIntentTests
{
    private static readonly NfvConfig[] EveryKind =
    [
        new FirewallConfig(FirewallAction.Deny,
        [
            new FirewallRule(FirewallAction.Allow)
            {
                Protocol = TransportProtocol.Udp, Source = new Ipv4Cidr(0x0A000000, 24), Destination = new Ipv4Cidr(0x0A000102, 32),
                SourcePorts = new PortRange(1024, 2047), DestinationPorts = PortRange.Single(7000),
                Location = new Topology.Diagnostics.SourceLocation("net.yaml", 12, 9),
            },
            new FirewallRule(FirewallAction.Deny) { Protocol = TransportProtocol.Icmp },
        ]),
        new NatConfig(new SourceNat(new Ipv4Cidr(0xC0A80000, 16), 0xCB007101, new PortRange(20000, 29999), TimeSpan.FromSeconds(45)),
            [new DestinationNat(TransportProtocol.Tcp, 0xCB007101, 8080, 0xC0A80005, 80)]),
        new LoadBalancerConfig(0x0A000901, 80, TransportProtocol.Tcp,
            [new LoadBalancerBackend("h2", 0x0A000002, 80), new LoadBalancerBackend(null, 0x0A000009, 8080)]) { DownBackends = ["h2"] },
        new RateLimiterConfig(
        [
            new RateLimitRule(2e6, RateUnit.BitsPerSecond, 30000, RateLimitAction.Mark) { Class = "bulk", PerFlow = true, Dscp = 10 },
            new RateLimitRule(50, RateUnit.PacketsPerSecond, 5, RateLimitAction.Drop),
        ]),
        new IdsConfig(true,
        [
            new IdsSignature("evil", "EVIL"u8.ToArray()) { Protocol = TransportProtocol.Udp, DestinationPorts = PortRange.Single(6000), IgnoreCase = true },
            new IdsSignature("zeros", new byte[8]) { SourcePorts = new PortRange(1, 1023) },
        ]) { BlockFor = TimeSpan.FromMilliseconds(300) },
    ];

    private static FunctionConfigReplaced RoundTrip(FunctionConfigReplaced e)
    {
        var (manifest, payload) = IntentStore.Serialize(e);
        return (FunctionConfigReplaced)IntentStore.Deserialize(manifest, payload);
    }

    [TestCaseSource(nameof(EveryKind))]
    public void A_replaced_configuration_reads_back_field_for_field(NfvConfig config)
    {
        var stored = new FunctionConfigReplaced(12.5, "f1", 7, config);
        var back = RoundTrip(stored);
        Assert.That((back.AtMs, back.FunctionId, back.Version, back.Config.Kind), Is.EqualTo((12.5, "f1", 7L, config.Kind)));
        Assert.That(back.Config.GetType(), Is.EqualTo(config.GetType()));
        // The model's records hold lists, which compare by reference: compare their full serialized form instead, and
        // check by hand what a serializer could silently drop (prefixes, ranges, bytes, times, init-only values).
        Assert.That(IntentStore.Serialize(back).Payload, Is.EqualTo(IntentStore.Serialize(stored).Payload));
        switch (back.Config)
        {
            case FirewallConfig fw:
                var rule = fw.Rules[0];
                Assert.That((fw.Default, fw.Rules.Count, rule.Action, rule.Protocol), Is.EqualTo((FirewallAction.Deny, 2, FirewallAction.Allow, TransportProtocol.Udp)));
                Assert.That((rule.Source.ToString(), rule.Destination.ToString()), Is.EqualTo(("10.0.0.0/24", "10.0.1.2")));
                Assert.That((rule.SourcePorts, rule.DestinationPorts), Is.EqualTo((new PortRange(1024, 2047), PortRange.Single(7000))));
                Assert.That(rule.Location, Is.Null, "a file position is not part of the rules");
                Assert.That((fw.Rules[1].Protocol, fw.Rules[1].Source.IsAny, fw.Rules[1].DestinationPorts.IsAny), Is.EqualTo((TransportProtocol.Icmp, true, true)));
                break;
            case NatConfig nat:
                Assert.That(nat.Snat, Is.EqualTo(new SourceNat(new Ipv4Cidr(0xC0A80000, 16), 0xCB007101, new PortRange(20000, 29999), TimeSpan.FromSeconds(45))));
                Assert.That(nat.Dnat.Single(), Is.EqualTo(new DestinationNat(TransportProtocol.Tcp, 0xCB007101, 8080, 0xC0A80005, 80)));
                break;
            case LoadBalancerConfig lb:
                Assert.That((lb.VipAddress, lb.VipPort, lb.Protocol), Is.EqualTo((0x0A000901u, 80, TransportProtocol.Tcp)));
                Assert.That(lb.Backends, Is.EqualTo(new[] { new LoadBalancerBackend("h2", 0x0A000002, 80), new LoadBalancerBackend(null, 0x0A000009, 8080) }));
                Assert.That(lb.DownBackends, Is.EqualTo(new[] { "h2" }));
                break;
            case RateLimiterConfig rl:
                Assert.That(rl.Rules[0], Is.EqualTo(new RateLimitRule(2e6, RateUnit.BitsPerSecond, 30000, RateLimitAction.Mark) { Class = "bulk", PerFlow = true, Dscp = 10 }));
                Assert.That(rl.Rules[1], Is.EqualTo(new RateLimitRule(50, RateUnit.PacketsPerSecond, 5, RateLimitAction.Drop)));
                break;
            case IdsConfig ids:
                Assert.That((ids.Block, ids.BlockFor), Is.EqualTo((true, (TimeSpan?)TimeSpan.FromMilliseconds(300))));
                Assert.That(ids.Signatures[0].Pattern, Is.EqualTo("EVIL"u8.ToArray()));
                Assert.That((ids.Signatures[0].Protocol, ids.Signatures[0].DestinationPorts, ids.Signatures[0].IgnoreCase),
                    Is.EqualTo((TransportProtocol.Udp, PortRange.Single(6000), true)));
                Assert.That((ids.Signatures[1].Pattern, ids.Signatures[1].SourcePorts), Is.EqualTo((new byte[8], new PortRange(1, 1023))));
                break;
        }
    }

    [Test]
    public void The_stored_form_names_kinds_and_enums_as_the_topology_file_does()
    {
        var (_, payload) = IntentStore.Serialize(new FunctionConfigReplaced(1, "lb1", 2, EveryKind[2]));
        using var doc = JsonDocument.Parse(payload);
        var config = doc.RootElement.GetProperty("Config");
        Assert.That(doc.RootElement.GetProperty("kind").GetString(), Is.EqualTo("config"));
        Assert.That(config.GetProperty("kind").GetString(), Is.EqualTo("load-balancer"));
        Assert.That(config.GetProperty("Protocol").GetString(), Is.EqualTo("Tcp"));
        Assert.That(config.GetProperty("Backends")[0].TryGetProperty("Name", out _), Is.False, "derived values are not stored");
    }

    [Test]
    public void A_stored_configuration_with_a_bad_prefix_is_an_unreadable_intent_not_a_crash()
    {
        var (manifest, payload) = IntentStore.Serialize(new FunctionConfigReplaced(1, "fw1", 2, EveryKind[0]));
        var damaged = payload.Replace("10.0.0.0/24", "10.0.0.1/24");
        var e = Assert.Throws<JsonException>(() => IntentStore.Deserialize(manifest, damaged))!;
        Assert.That(e.Message, Does.Contain("host bits are set"));
    }

    // A damaged store must be refused when it opens (IntentStore.Prepare catches these), not crash the controller later.
    [TestCase("\"Config\":{", "\"Config\":null,\"x\":{", TestName = "A_stored_replacement_without_a_configuration_is_unreadable")]
    [TestCase("\"Rules\":[", "\"x\":[", TestName = "A_stored_firewall_without_rules_is_unreadable")]
    [TestCase("\"Default\":\"Deny\"", "\"Default\":7", TestName = "A_stored_enum_as_a_number_is_unreadable")]
    [TestCase("\"Version\":2", "\"Version\":0", TestName = "A_stored_replacement_without_a_version_is_unreadable")]
    public void A_damaged_stored_configuration_is_an_unreadable_intent(string from, string to)
    {
        var (manifest, payload) = IntentStore.Serialize(new FunctionConfigReplaced(1, "fw1", 2, EveryKind[0]));
        Assert.That(payload, Does.Contain(from));
        var damaged = payload.Replace(from, to);
        Assert.That(() => IntentStore.Deserialize(manifest, damaged), Throws.InstanceOf<JsonException>().Or.InstanceOf<IntentStoreException>());
    }

    [Test]
    public void The_configuration_kind_may_come_after_its_fields()
    {
        var (manifest, payload) = IntentStore.Serialize(new FunctionConfigReplaced(1, "fw1", 2, EveryKind[0]));
        var reordered = payload.Replace("\"kind\":\"firewall\",", "").Replace("\"Config\":{", "\"Config\":{").Replace("]}", "],\"kind\":\"firewall\"}");
        Assume.That(reordered, Does.Not.Contain("\"Config\":{\"kind\""));
        var back = (FunctionConfigReplaced)IntentStore.Deserialize(manifest, reordered);
        Assert.That(back.Config, Is.InstanceOf<FirewallConfig>());
    }

    [Test]
    public void The_latest_replacement_per_function_is_in_force_and_supersedes_its_earlier_backend_health()
    {
        var lb = (LoadBalancerConfig)EveryKind[2];
        var fw = (FirewallConfig)EveryKind[0];
        var denyAll = new FirewallConfig(FirewallAction.Deny, []);
        var state = IntentState.Empty
            .Apply(new BackendHealthChanged(1, "lb1", "h2", false))
            .Apply(new BackendHealthChanged(2, "lb2", "h7", false))
            .Apply(new FunctionConfigReplaced(3, "fw1", 2, fw))
            .Apply(new FunctionConfigReplaced(4, "lb1", 3, lb))
            .Apply(new BackendHealthChanged(5, "lb1", "h9", false))
            .Apply(new FunctionConfigReplaced(6, "fw1", 4, denyAll));

        Assert.That(state.Configs.Select(c => (c.FunctionId, c.Version)), Is.EqualTo(new[] { ("fw1", 4L), ("lb1", 3L) }),
            "one configuration per function, the latest, in the order first replaced");
        Assert.That(state.Configs[0].Config, Is.SameAs(denyAll));
        Assert.That(state.Backends.Select(b => (b.FunctionId, b.Backend)), Is.EqualTo(new[] { ("lb2", "h7"), ("lb1", "h9") }),
            "lb1's h2 change came before its replacement (gone); its h9 change came after (kept), as did lb2's");
        Assert.That(state.Count, Is.EqualTo(4));
        Assert.That(state.Events, Is.EqualTo(6));

        // The snapshot form keeps them too.
        var (manifest, payload) = IntentStore.Serialize(state);
        var back = (IntentState)IntentStore.Deserialize(manifest, payload);
        Assert.That(back.Configs.Select(c => (c.FunctionId, c.Version, c.Config.Kind)),
            Is.EqualTo(new[] { ("fw1", 4L, NfvKind.Firewall), ("lb1", 3L, NfvKind.LoadBalancer) }));
        Assert.That(IntentStore.Serialize(back).Payload, Is.EqualTo(payload));
    }
}
