using System.Text.Json;
using System.Text.RegularExpressions;
using SdnController.Testing;
using SdnController.Topology.Building;
using SdnController.Topology.Yaml;
using static SdnController.Topology.Tests.Yaml.YamlTestSupport;

namespace SdnController.Topology.Tests.Yaml;

/// <summary>Keeps schemas/topology.schema.json (for editors) in step with what the loader accepts.</summary>
public class SchemaTests
{
    private static JsonElement _root;

    [OneTimeSetUp]
    public void ReadSchema()
    {
        var path = Path.Combine(SharedData.RepositoryRoot, "schemas", "topology.schema.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        _root = doc.RootElement.Clone();
    }

    [Test]
    public void IsDraft202012()
    {
        Assert.That(_root.GetProperty("$schema").GetString(), Is.EqualTo("https://json-schema.org/draft/2020-12/schema"));
        Assert.That(_root.GetProperty("required").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "switches" }));
    }

    private static IEnumerable<TestCaseData> Mappings()
    {
        yield return new TestCaseData(null, TopologyYamlKeys.TopLevel).SetName("Schema_TopLevelKeys");
        yield return new TestCaseData("defaults", TopologyYamlKeys.Defaults).SetName("Schema_DefaultsKeys");
        yield return new TestCaseData("switch", TopologyYamlKeys.Switch).SetName("Schema_SwitchKeys");
        yield return new TestCaseData("location", TopologyYamlKeys.Location).SetName("Schema_LocationKeys");
        yield return new TestCaseData("host", TopologyYamlKeys.Host).SetName("Schema_HostKeys");
        yield return new TestCaseData("link", TopologyYamlKeys.Link).SetName("Schema_LinkKeys");
        yield return new TestCaseData("flow", TopologyYamlKeys.Flow).SetName("Schema_FlowKeys");
        yield return new TestCaseData("scenario", TopologyYamlKeys.Scenario).SetName("Schema_ScenarioKeys");
        yield return new TestCaseData("linkEvent", TopologyYamlKeys.LinkEvent).SetName("Schema_LinkEventKeys");
        yield return new TestCaseData("switchEvent", TopologyYamlKeys.SwitchEvent).SetName("Schema_SwitchEventKeys");
        yield return new TestCaseData("nfvEvent", TopologyYamlKeys.NfvEvent).SetName("Schema_NfvEventKeys");
        yield return new TestCaseData("flapEvent", TopologyYamlKeys.FlapEvent).SetName("Schema_FlapEventKeys");
        yield return new TestCaseData("randomLinkFailuresEvent", TopologyYamlKeys.RandomLinkFailuresEvent).SetName("Schema_RandomLinkFailuresEventKeys");
        yield return new TestCaseData("expectEvent", TopologyYamlKeys.ExpectEvent).SetName("Schema_ExpectEventKeys");
        yield return new TestCaseData("controller", TopologyYamlKeys.Controller).SetName("Schema_ControllerKeys");
        yield return new TestCaseData("detection", TopologyYamlKeys.Detection).SetName("Schema_DetectionKeys");
        yield return new TestCaseData("congestion", TopologyYamlKeys.Congestion).SetName("Schema_CongestionKeys");
        yield return new TestCaseData("classPolicy", TopologyYamlKeys.ClassPolicy).SetName("Schema_ClassPolicyKeys");
        yield return new TestCaseData("firewall", TopologyYamlKeys.Firewall).SetName("Schema_FirewallKeys");
        yield return new TestCaseData("firewallRule", TopologyYamlKeys.FirewallRule).SetName("Schema_FirewallRuleKeys");
        yield return new TestCaseData("nat", TopologyYamlKeys.Nat).SetName("Schema_NatKeys");
        yield return new TestCaseData("snat", TopologyYamlKeys.Snat).SetName("Schema_SnatKeys");
        yield return new TestCaseData("dnat", TopologyYamlKeys.Dnat).SetName("Schema_DnatKeys");
        yield return new TestCaseData("loadBalancer", TopologyYamlKeys.LoadBalancer).SetName("Schema_LoadBalancerKeys");
        yield return new TestCaseData("rateLimiter", TopologyYamlKeys.RateLimiter).SetName("Schema_RateLimiterKeys");
        yield return new TestCaseData("rateLimitRule", TopologyYamlKeys.RateLimitRule).SetName("Schema_RateLimitRuleKeys");
        yield return new TestCaseData("ids", TopologyYamlKeys.Ids).SetName("Schema_IdsKeys");
        yield return new TestCaseData("signature", TopologyYamlKeys.Signature).SetName("Schema_SignatureKeys");
        yield return new TestCaseData("chain", TopologyYamlKeys.Chain).SetName("Schema_ChainKeys");
        yield return new TestCaseData("chainMatch", TopologyYamlKeys.ChainMatch).SetName("Schema_ChainMatchKeys");
    }

    [TestCaseSource(nameof(Mappings))]
    public void SchemaAndLoaderAcceptTheSameKeys(string? def, IReadOnlyList<string> loaderKeys)
    {
        var node = def is null ? _root : _root.GetProperty("$defs").GetProperty(def);
        var schemaKeys = node.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.That(schemaKeys, Is.EquivalentTo(loaderKeys));
        Assert.That(node.GetProperty("additionalProperties").GetBoolean(), Is.False, "unknown keys are errors in the loader, so in the schema too");
        foreach (var p in node.GetProperty("properties").EnumerateObject())
        {
            var described = p.Value.TryGetProperty("description", out _) ||
                            (p.Value.TryGetProperty("$ref", out var r) && Def(r.GetString()!).TryGetProperty("description", out _));
            Assert.That(described, $"'{p.Name}' has no description");
        }
    }

    [Test]
    public void LoaderRequiresWhatTheSchemaRequires()
    {
        Assert.That(Required("switch"), Is.EquivalentTo(new[] { "id" }));
        Assert.That(Required("host"), Is.EquivalentTo(new[] { "id", "attach" }));
        Assert.That(Required("link"), Is.EquivalentTo(new[] { "endpoints" }));
        Assert.That(Required("location"), Is.EquivalentTo(new[] { "lat", "lon" }));
        // And the loader really does reject each missing one.
        Assert.That(Load("switches: [{dpid: 1}]").Topology, Is.Null);
        Assert.That(Load("switches: [{id: s}]\nhosts: [{id: h}]").Topology, Is.Null);
        Assert.That(Load("switches: [{id: s}]\nhosts: [{attach: s}]").Topology, Is.Null);
        Assert.That(Load("switches: [{id: s}]\nlinks: [{id: l}]").Topology, Is.Null);
        Assert.That(Load("switches: [{id: s, location: {lat: 1}}]").Topology, Is.Null);
    }

    // The schema's text patterns must agree with the loader's parsers, value by value.
    [TestCase("bandwidth", "10Gbps", "10 gbps", "1.5Gbit/s", "100", "64kbps", "1e3Mbps", "2 TBPS", ".5Mbps",
        "10Gbs", "fast", "10 GB/s", "1e", "Gbps", "-1Gbps")]
    public void BandwidthPatternMatchesParser(string def, params string[] samples)
    {
        var pattern = StringPattern(Def(def));
        foreach (var s in samples)
            Assert.That(pattern.IsMatch(s), Is.EqualTo(Units.TryParseBandwidth(s, out _, out _)), s);
    }

    [TestCase("latency", "2ms", "500us", "500µs", "250 ns", "1.5s", "7", "0", "2 MS",
        "2 parsecs", "ms", "-1ms", "2msec")]
    public void LatencyPatternMatchesParser(string def, params string[] samples)
    {
        var pattern = StringPattern(Def(def));
        foreach (var s in samples)
            Assert.That(pattern.IsMatch(s), Is.EqualTo(Units.TryParseLatency(s, out _, out _)), s);
    }

    // Exponents ("1e-1%") are left out: the loader takes them, the schema pattern keeps to plain decimals.
    [TestCase("loss", "0.5%", "50 %", "99.99%", "0%", ".5%", "5.%", "0.005", "0", ".25", "00.5",
        "100%", "150%", "1", "10", "-1%", "half", "%", "0.5 percent")]
    public void LossPatternMatchesParser(string def, params string[] samples)
    {
        var pattern = StringPattern(Def(def));
        foreach (var s in samples)
            Assert.That(pattern.IsMatch(s), Is.EqualTo(Units.TryParseLoss(s, out _, out _)), s);
        var number = Def(def).GetProperty("oneOf")[0];
        Assert.That(number.GetProperty("minimum").GetDouble(), Is.Zero);
        Assert.That(number.GetProperty("exclusiveMaximum").GetDouble(), Is.EqualTo(1));
    }

    [Test]
    public void QueueIsAPositive32BitInteger()
    {
        var queue = Def("queue");
        Assert.That(queue.GetProperty("type").GetString(), Is.EqualTo("integer"));
        Assert.That(queue.GetProperty("minimum").GetInt64(), Is.EqualTo(1));
        Assert.That(queue.GetProperty("maximum").GetInt64(), Is.EqualTo(int.MaxValue));
        foreach (var (text, ok) in new[] { ("1", true), ("2147483647", true), ("0", false), ("2147483648", false), ("1.5", false) })
            Assert.That(Loads($"switches: [{{id: a}}, {{id: b}}]\nlinks: [{{endpoints: [a, b], queue: {text}}}]"), Is.EqualTo(ok), text);
    }

    private const string TwoHosts = "switches: [{id: a}]\nhosts: [{id: h1, attach: a, ipv4: 10.0.0.1/24}, {id: h2, attach: a, ipv4: 10.0.0.2/24}]\n";

    [Test]
    public void RateAndTimePatternsMatchTheLoader()
    {
        var rate = new Regex(Def("rate").GetProperty("pattern").GetString()!);
        foreach (var s in new[] { "100pps", "12.5 PPS", "1e3pps", "10Mbps", "1.5 Gbit/s", "100", "10Mbs", "pps", "-5pps", "10 MB/s" })
            Assert.That(rate.IsMatch(s), Is.EqualTo(Loads(TwoHosts + $"traffic: [{{from: h1, to: h2, rate: {Quote(s)}}}]")), s);

        var time = StringPattern(Def("time"));
        foreach (var s in new[] { "2s", "200ms", "500us", "500µs", "100ns", "1.5 s", "0", "0.0", "2", "-1s", "2 days", "s", "1e3ms" })
            Assert.That(time.IsMatch(s), Is.EqualTo(Loads(TwoHosts + $"traffic: [{{from: h1, to: h2, start: {Quote(s)}}}]")), s);

        var expect = new Regex(Def("expectEvent").GetProperty("properties").GetProperty("expect").GetProperty("pattern").GetString()!);
        foreach (var s in new[] { "h1 reaches h2", "h1  cannot reach h2", "connected pairs reach", "h1 sees h2", "h1 reaches", "connected pairs" })
            Assert.That(expect.IsMatch(s), Is.EqualTo(Loads(TwoHosts + $"scenario: {{events: [{{at: 1s, expect: {Quote(s)}}}]}}")), s);
    }

    [Test]
    public void PortAndIdPatternsMatchTheLoader()
    {
        var port = new Regex(Def("portRef").GetProperty("pattern").GetString()!);
        foreach (var s in new[] { "s1", "s1:1", "core-7:48", "s1:0", "s1:", ":3", "s 1:2", "s1:x", "s1:01", "s1:2147483647", "s1:2147483648", "s1:4294967040", "s1:0002147483647", "s1:99999999999" })
            Assert.That(port.IsMatch(s), Is.EqualTo(PortSpec.Parse(s, null, out _) is not null && !s.Contains(' ')), s);

        var id = new Regex(Def("id").GetProperty("pattern").GetString()!);
        foreach (var s in new[] { "s1", "a-b#2", "s 1", "a:b", "a,b", "a'b", "a\"b" })
            Assert.That(id.IsMatch(s), Is.EqualTo(Loads($"switches: [{{id: a}}, {{id: b}}]\nlinks: [{{endpoints: [a, b], id: {Quote(s)}}}]")), s);
    }

    [Test]
    public void DpidAndMacPatternsMatchTheLoader()
    {
        var dpid = StringPattern(_root.GetProperty("$defs").GetProperty("switch").GetProperty("properties").GetProperty("dpid"));
        foreach (var s in new[] { "1", "0x1a", "0XFF", "00:00:00:00:00:00:00:01", "0xZZ", "0x", "00:00:00:01", "0x12345678901234567" })
            Assert.That(dpid.IsMatch(s), Is.EqualTo(Loads($"switches: [{{id: a, dpid: {Quote(s)}}}]")), s);

        var hostProps = _root.GetProperty("$defs").GetProperty("host").GetProperty("properties");
        var mac = new Regex(hostProps.GetProperty("mac").GetProperty("pattern").GetString()!);
        foreach (var s in new[] { "00:00:00:00:00:01", "0a-00-00-00-00-01", "00:00:00-00:00:01", "00:00:00:00:01", "0:0:0:0:0:1", "gg:00:00:00:00:01" })
            Assert.That(mac.IsMatch(s), Is.EqualTo(Loads($"switches: [{{id: a}}]\nhosts: [{{id: h, attach: a, mac: {Quote(s)}}}]")), s);
    }

    private static bool Loads(string yaml) => Load(yaml).Topology is not null;

    // Single-quoted YAML: only the quote itself needs doubling.
    private static string Quote(string s) => "'" + s.Replace("'", "''") + "'";

    private static JsonElement Def(string nameOrRef) =>
        _root.GetProperty("$defs").GetProperty(nameOrRef.StartsWith("#/$defs/", StringComparison.Ordinal) ? nameOrRef[8..] : nameOrRef);

    private static string[] Required(string def) =>
        Def(def).GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static Regex StringPattern(JsonElement node)
    {
        foreach (var alt in node.GetProperty("oneOf").EnumerateArray())
            if (alt.GetProperty("type").GetString() == "string")
                return new Regex(alt.GetProperty("pattern").GetString()!);
        throw new AssertionException("no string alternative");
    }
}

/// <summary>The format document's example must stay a valid file.</summary>
public class FormatDocumentTests
{
    [Test]
    public void TheDocumentedExampleLoads()
    {
        var doc = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "topology-format.md"));
        var start = doc.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var end = doc.IndexOf("```", start, StringComparison.Ordinal);
        var (t, bag) = Load(doc[start..end], "campus.yaml");
        Assert.That(t, Is.Not.Null, Render(bag));
        Assert.That(t!.Links.Select(l => $"{l.Id} {l.A} {l.B}"), Is.EqualTo(new[] { "core-1 s1:2 s2:1", "s1-s2 s1:3 s2:2", "s2-s3 s2:3 s3:1" }));
        Assert.That(t.Hosts.Select(h => h.Attachment.ToString()), Is.EqualTo(new[] { "s1:1", "s3:2" }));
        Assert.That(t.Links[1].LatencySource, Is.EqualTo(Model.LatencySource.Geographic));
        Assert.That(t.Links[2].BandwidthBps, Is.EqualTo(100e6));
        Assert.That(t.Nfv.Select(n => $"{n.Id} {n.Attachment}"), Is.EqualTo(new[] { "fw1 s2:4" }));
        Assert.That(t.Chains.Single().Through, Is.EqualTo(new[] { "fw1" }));
        var flow = t.Traffic.Single();
        Assert.That((flow.Id, flow.Kind, flow.PacketsPerSecond, flow.DestinationPort, flow.Class), Is.EqualTo(("h1-h2", Topology.Traffic.TrafficKind.Tcp, 10e6 / (1500 * 8), 80, "web")));
        Assert.That(t.Scenario!.Events.Select(e => e.At.TotalSeconds), Is.EqualTo(new[] { 2.0, 5.0, 6.0 }));
        Assert.That(t.Scenario.Events.OfType<Topology.Scenarios.LinkStateEvent>().Select(e => e.LinkId), Is.EqualTo(new[] { "s2-s3", "s2-s3" }));
    }
}
