using System.Text;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Tests.Yaml;

/// <summary>Whatever the bytes, the loader answers with a topology or with errors — never an exception.</summary>
public class LoaderRobustnessTests
{
    private const string Valid = """
        name: fuzz
        defaults: {bandwidth: 1Gbps, latency: 1ms, cost: 1}
        switches:
          - id: s1
            dpid: 0x1
            location: {lat: 52.37, lon: 4.89}
          - id: s2
            label: "Core 2"
          - {id: s3, dpid: "00:00:00:00:00:00:00:03"}
        hosts:
          - id: h1
            mac: "00:00:00:00:00:01"
            ipv4: 10.0.0.1/24
            ipv6: fd00::1/64
            attach: s1:1
          - {id: h2, attach: s3, ipv4: 10.0.0.2/24}
        links:
          - endpoints: [s1:2, s2:1]
            id: core-1
            bandwidth: 10Gbps
            latency: 2ms
            cost: 10
          - endpoints: [s2, s3]
          - endpoints: [s2, s3]
        nfv: {fw: {kind: firewall, attach: s1, rules: [{action: allow, proto: tcp, dport: 80-443}]}}
        chains: [{id: a, match: {to: h2}, through: [fw]}]
        traffic:
          - {from: h1, to: h2, kind: tcp, rate: 10Mbps, size: 1500, start: 1s, stop: 5s, port: 80, class: web}
          - {id: all, from: "*", to: [h1, h2], kind: icmp, rate: 5pps}
        scenario:
          name: fuzz
          duration: 9s
          seed: 3
          events:
            - {at: 1s, link: s1-s2, state: down, silent: true}
            - {at: 2s, link: core-1, state: up}
            - {at: 3s, switch: s3, state: down}
            - {at: 4s, flap: s2-s3#2, period: 200ms, count: 2}
            - {at: 5s, random-link-failures: 2, restore-after: 1s}
            - {at: 6s, expect: h1 reaches h2}
            - {at: 7s, expect: h1 cannot reach h2}
            - {at: 8s, expect: connected pairs reach}
        """;

    private static readonly string Alphabet = "-:[]{},'\"#&*!|>?%@` \t\n0123456789abcdefsx.\\/µ<";

    [Test]
    public void TheUnmutatedFileLoads()
    {
        var bag = new DiagnosticBag();
        var t = TopologyYamlLoader.LoadText(Valid, "fuzz.yaml", bag);
        Assert.That(t, Is.Not.Null, string.Join("\n", bag.Items));
        Assert.That(t!.Traffic, Has.Count.EqualTo(3));
        Assert.That(t.Scenario!.Events, Has.Count.EqualTo(8));
    }

    [Test]
    public void SeededRandomMutationsNeverThrow()
    {
        var random = new Random(20240611);
        var loaded = 0;
        for (var i = 0; i < 600; i++)
        {
            var text = Mutate(Valid, random, 1 + random.Next(4));
            var bag = new DiagnosticBag();
            Model.Topology? t = null;
            Assert.DoesNotThrow(() => t = TopologyYamlLoader.LoadText(text, "fuzz.yaml", bag), text);
            if (t is null)
            {
                Assert.That(bag.HasErrors, Is.True, "null without an error:\n" + text);
                Assert.That(bag.Items.Any(d => d.Message.StartsWith("internal error", StringComparison.Ordinal)), Is.False,
                    "an unexpected exception was caught:\n" + string.Join("\n", bag.Items) + "\n---\n" + text);
            }
            else
            {
                Assert.That(bag.HasErrors, Is.False);
                loaded++;
            }
        }
        // Some mutations are harmless (inside a label or comment); if none loaded, the base file is broken.
        Assert.That(loaded, Is.GreaterThan(0));
    }

    [Test]
    public void PureGarbageNeverThrows()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var sb = new StringBuilder();
            var n = random.Next(200);
            for (var j = 0; j < n; j++) sb.Append(random.Next(8) == 0 ? (char)random.Next(0, 0x3000) : Alphabet[random.Next(Alphabet.Length)]);
            var bag = new DiagnosticBag();
            Model.Topology? t = null;
            Assert.DoesNotThrow(() => t = TopologyYamlLoader.LoadText(sb.ToString(), "garbage.yaml", bag));
            Assert.That(t is null == bag.HasErrors);
        }
    }

    [Test]
    public void DeepNestingAndManyAliasesStayCheap()
    {
        var deep = "switches: " + new string('[', 5000) + new string(']', 5000) + "\n";
        var bag = new DiagnosticBag();
        Assert.That(TopologyYamlLoader.LoadText(deep, "deep.yaml", bag), Is.Null);
        Assert.That(bag.HasErrors);

        // "Billion laughs": aliases share nodes, so this stays small.
        var sb = new StringBuilder("switches: [{id: s1}]\nchains:\n  - a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 30; i++) sb.Append($"    a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        bag = new DiagnosticBag();
        var t = TopologyYamlLoader.LoadText(sb.ToString(), "laughs.yaml", bag);
        // Each alias is one unknown key, reported once, never expanded.
        Assert.That(t, Is.Null);
        Assert.That(bag.Items.Count(d => d.Message.StartsWith("unknown key 'a", StringComparison.Ordinal)), Is.EqualTo(30), string.Join("\n", bag.Items));
    }

    // Regression (tools/fuzz, files seed 1 case 150): 100,000 nested '[' took over a minute, as YamlDotNet's scanner
    // works in proportion to the depth for every token; the reader now stops at YamlTreeReader.MaxDepth.
    [TestCase("[", "]")]
    [TestCase("{a: ", "}")]
    public void Nesting_beyond_the_limit_is_refused_at_once_with_its_location(string open, string close)
    {
        var text = "name: x\nswitches: " + string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000)) + "\n";
        var bag = new DiagnosticBag();
        var watch = SdnController.Testing.ThreadCpuTime.StartNew(); // CPU, not wall-clock: a loaded machine must not fail it
        Assert.That(TopologyYamlLoader.LoadText(text, "deep.yaml", bag), Is.Null);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(bag.Items.Select(d => d.ToString()), Has.Some.Match(@"^deep\.yaml:2:\d+: error: nesting deeper than 256 levels"));
    }

    [Test]
    public void Block_nesting_beyond_the_limit_is_refused_and_nesting_within_it_is_read()
    {
        var deep = new StringBuilder("switches:");
        for (var i = 1; i <= 300; i++) deep.Append('\n').Append(' ', 2 * i).Append("k:");
        deep.Append(" 1\n");
        var bag = new DiagnosticBag();
        Assert.That(TopologyYamlLoader.LoadText(deep.ToString(), "block.yaml", bag), Is.Null);
        Assert.That(bag.Items.Select(d => d.Message), Has.Some.StartsWith("nesting deeper than 256 levels"));

        // 200 levels is within the limit: the reader gets past YAML and reports the shape error instead.
        var ok = "switches: " + new string('[', 200) + new string(']', 200) + "\n";
        bag = new DiagnosticBag();
        Assert.That(TopologyYamlLoader.LoadText(ok, "ok.yaml", bag), Is.Null);
        Assert.That(bag.Items.Select(d => d.Message), Has.None.StartsWith("nesting deeper"));
    }

    // Regression (tools/fuzz, files seed 1 case 22732): a 200,000-character switch id and a host attached to another
    // long name made "did you mean" build a 200,000 x 200,000 distance table: OutOfMemoryException, reported as an
    // internal error. Words that long now get no suggestion.
    [Test]
    public void Very_long_unknown_names_are_reported_without_a_suggestion_and_without_running_out_of_memory()
    {
        var id = new string('a', 200_000);
        var other = new string('n', 200_000);
        var text = $"switches:\n  - id: s1\n  - id: {id}\nhosts:\n  - id: h1\n    attach: {other}:1\n";
        var bag = new DiagnosticBag();
        var watch = SdnController.Testing.ThreadCpuTime.StartNew(); // CPU, not wall-clock: a loaded machine must not fail it
        Assert.That(TopologyYamlLoader.LoadText(text, "long.yaml", bag), Is.Null);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(bag.Items.Select(d => d.Message), Has.None.Contains("internal error"));
        Assert.That(bag.Items.Select(d => d.ToString()), Has.Some.Match(@"^long\.yaml:6:\d+: error: .*unknown switch"));
        Assert.That(DidYouMean.Suggest(id + "b", new[] { id, "s1" }), Is.Null);
        Assert.That(DidYouMean.Suggest("s11", new[] { "s1", id }), Is.EqualTo("s1"), "short words still get their suggestion");
    }

    private static string Mutate(string text, Random random, int edits)
    {
        var sb = new StringBuilder(text);
        for (var e = 0; e < edits && sb.Length > 0; e++)
        {
            var at = random.Next(sb.Length);
            switch (random.Next(6))
            {
                case 0: sb.Remove(at, 1); break;
                case 1: sb.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                case 2: sb[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                case 3: sb.Length = at; break;
                case 4:
                {
                    // Duplicate a whole line, which makes duplicate keys and ids.
                    var lines = sb.ToString().Split('\n').ToList();
                    var k = random.Next(lines.Count);
                    lines.Insert(k, lines[k]);
                    sb = new StringBuilder(string.Join('\n', lines));
                    break;
                }
                default:
                {
                    var lines = sb.ToString().Split('\n').ToList();
                    lines.RemoveAt(random.Next(lines.Count));
                    sb = new StringBuilder(string.Join('\n', lines));
                    break;
                }
            }
        }
        return sb.ToString();
    }
}
