using static SdnController.Topology.Tests.Yaml.YamlTestSupport;

namespace SdnController.Topology.Tests.Yaml;

/// <summary>Each broken file must fail with an error at the exact spot, saying what was wrong.</summary>
public class BrokenFileTests
{
    // Two switches and a link; most cases change one line of this.
    private const string Base = "switches:\n  - id: s1\n  - id: s2\nlinks:\n  - endpoints: [s1, s2]\n";

    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData C(string name, string yaml, int line, int col, params string[] fragments) =>
            new TestCaseData(yaml, line, col, fragments).SetName("Broken_" + name);

        yield return C("UnknownLinkKeyWithHint", Base + "    bandwith: 10Gbps\n", 6, 5, "unknown key 'bandwith' in link", "did you mean 'bandwidth'?");
        yield return C("UnknownSwitchKeyWithHint", "switches:\n  - id: s1\n    lable: core\n", 3, 5, "unknown key 'lable'", "did you mean 'label'?");
        yield return C("UnknownTopLevelKeyWithHint", "switches: [{id: s1}]\nlinkz: []\n", 2, 1, "unknown key 'linkz' in the top level", "did you mean 'links'?");
        yield return C("CaseMattersInKeys", "Switches: [{id: s1}]\n", 1, 1, "unknown key 'Switches'", "did you mean 'switches'?");
        yield return C("LocationKeyAlias", "switches:\n  - id: s1\n    location: {lat: 1, lng: 2}\n", 3, 24, "unknown key 'lng'", "did you mean 'lon'?");
        yield return C("MappingWhereScalarExpected", "switches:\n  - id: s1\n    label: {text: x}\n", 3, 12, "expected a scalar", "found a mapping");
        yield return C("SequenceWhereScalarExpected", "switches:\n  - id: [s1]\n", 2, 9, "expected a scalar (switch id)", "found a sequence");
        yield return C("EmptyRequiredValuePointsAtKey", "switches:\n  - id:\n", 2, 5, "expected a scalar (switch id) for 'id', found an empty value");
        yield return C("BadBandwidthUnit", Base + "    bandwidth: 10Gbs\n", 6, 16, "unknown unit", "'10Gbs'");
        yield return C("ZeroBandwidth", Base + "    bandwidth: 0Mbps\n", 6, 16, "bandwidth must be greater than 0");
        yield return C("NegativeLatency", Base + "    latency: -1ms\n", 6, 14, "latency must be 0 or more", "'-1ms'");
        yield return C("BadLatencyUnit", Base + "    latency: 2 parsecs\n", 6, 14, "expected a latency such as '2ms'", "unknown unit");
        yield return C("NegativeCost", Base + "    cost: -3\n", 6, 11, "'cost' must be at least 0", "'-3'");
        yield return C("InfiniteCost", Base + "    cost: .inf\n", 6, 11, "finite number", "'.inf'");
        yield return C("CostNotANumber", Base + "    cost: cheap\n", 6, 11, "expected a number (link cost)", "'cheap'");
        yield return C("LossOneHundredPercent", Base + "    loss: 100%\n", 6, 11, "loss must be at least 0 and below 100% (1)", "'0.5%'", "'0.005'", "found '100%'");
        yield return C("LossBareTenHintsPercent", Base + "    loss: 10\n", 6, 11, "loss must be at least 0 and below 100% (1)", "found '10'", "did you mean '10%'?");
        yield return C("LossFractionOne", Base + "    loss: 1\n", 6, 11, "below 100% (1)", "found '1'", "did you mean '1%'?");
        yield return C("LossNegative", Base + "    loss: -0.5%\n", 6, 11, "loss must be at least 0", "found '-0.5%'");
        yield return C("LossNotANumber", Base + "    loss: some\n", 6, 11, "expected a packet loss as a percentage such as '0.5%' or a fraction such as '0.005'", "found 'some'");
        yield return C("LossUnknownUnit", Base + "    loss: 5 percent\n", 6, 11, "expected a packet loss as a percentage such as '0.5%'", "found '5 percent'");
        yield return C("LossInfinite", Base + "    loss: .inf\n", 6, 11, "expected a packet loss", "found '.inf'");
        yield return C("LossEmptyPointsAtKey", Base + "    loss:\n", 6, 5, "expected a scalar (packet loss such as 0.5%) for 'loss', found an empty value");
        yield return C("UnknownLinkKeyLossHint", Base + "    los: 1%\n", 6, 5, "unknown key 'los' in link", "did you mean 'loss'?");
        yield return C("QueueZero", Base + "    queue: 0\n", 6, 12, "queue must be between 1 and 2147483647 packets", "found '0'");
        yield return C("QueueTooLarge", Base + "    queue: 3000000000\n", 6, 12, "queue must be between 1 and 2147483647 packets", "found '3000000000'");
        yield return C("QueueFraction", Base + "    queue: 2.5\n", 6, 12, "expected a queue size as a whole number of packets, at least 1, such as 100", "found '2.5'");
        yield return C("QueueNegative", Base + "    queue: -5\n", 6, 12, "expected a queue size as a whole number of packets", "found '-5'");
        yield return C("QueueWithUnit", Base + "    queue: 100 packets\n", 6, 12, "expected a queue size", "found '100 packets'");
        yield return C("QueueMapping", Base + "    queue: {packets: 10}\n", 6, 12, "expected a scalar (queue size in packets such as 100) for 'queue', found a mapping");
        yield return C("BadDefaultsLoss", "defaults:\n  loss: 150%\n" + Base, 2, 9, "loss must be at least 0 and below 100% (1)", "found '150%'");
        yield return C("BadDefaultsQueue", "defaults: {queue: many}\n" + Base, 1, 19, "expected a queue size as a whole number of packets", "found 'many'");
        yield return C("UnknownDefaultsKeyQueueHint", "defaults: {queu: 10}\n" + Base, 1, 12, "unknown key 'queu' in defaults", "did you mean 'queue'?");
        yield return C("BadDefaultsBandwidth", "defaults:\n  bandwidth: fast\n" + Base, 2, 14, "expected a bandwidth such as '10Gbps'", "'fast'");
        yield return C("BadMac", Base + "hosts:\n  - id: h1\n    mac: \"00:00:00:00:01\"\n    attach: s1\n", 8, 10, "expected a MAC address", "'00:00:00:00:01'");
        yield return C("MixedMacSeparators", Base + "hosts:\n  - id: h1\n    mac: 00:00:00-00:00:01\n    attach: s1\n", 8, 10, "expected a MAC address");
        yield return C("MulticastMac", Base + "hosts:\n  - id: h1\n    mac: 01:00:5e:00:00:01\n    attach: s1\n", 8, 10, "multicast");
        yield return C("BadIPv4", Base + "hosts:\n  - id: h1\n    ipv4: 10.0.0.300\n    attach: s1\n", 8, 11, "expected an IPv4 address", "'10.0.0.300'");
        yield return C("BadPrefix", Base + "hosts:\n  - id: h1\n    ipv4: 10.0.0.1/33\n    attach: s1\n", 8, 11, "prefix length 0..32", "'33'");
        yield return C("IPv6InIPv4Key", Base + "hosts:\n  - id: h1\n    ipv4: fd00::1\n    attach: s1\n", 8, 11, "expected an IPv4 address for 'ipv4', found IPv6 address 'fd00::1'");
        yield return C("BadIPv6", Base + "hosts:\n  - id: h1\n    ipv6: fd00::g\n    attach: s1\n", 8, 11, "expected an IPv6 address");
        yield return C("RealNotBoolean", Base + "hosts:\n  - id: h1\n    ipv4: 10.0.0.1\n    attach: s1\n    real: ture\n", 10, 11, "expected true or false for 'real', found 'ture'", "did you mean 'true'?");
        yield return C("RealYesIsNotTaken", Base + "hosts:\n  - id: h1\n    ipv4: 10.0.0.1\n    attach: s1\n    real: yes\n", 10, 11, "expected true or false for 'real'");
        yield return C("RealHostWithoutIPv4", Base + "hosts:\n  - id: h1\n    attach: s1\n    real: true\n", 9, 11, "real host 'h1' needs an IPv4 address");
        yield return C("BadDpid", "switches:\n  - id: s1\n    dpid: 0xZZ\n", 3, 11, "expected a datapath id", "'0xZZ'");
        yield return C("DpidTooLarge", "switches:\n  - id: s1\n    dpid: 18446744073709551616\n", 3, 11, "expected a datapath id");
        yield return C("DuplicateDpid", "switches:\n  - {id: s1, dpid: 7}\n  - {id: s2, dpid: 0x7}\n", 3, 10, "datapath id 0000000000000007 of switch 's2' is already used by switch 's1'");
        yield return C("DuplicateSwitchId", "switches:\n  - id: s1\n  - id: s1\n", 3, 9, "duplicate switch id 's1'", "first at line 2:9");
        yield return C("DuplicateKey", "switches:\n  - id: s1\n    id: s2\n", 3, 5, "duplicate key 'id' in switch", "first at line 2:5");
        yield return C("DuplicateTopLevelKey", Base + "switches: []\n", 6, 1, "duplicate key 'switches'");
        yield return C("SwitchIdWithSpace", "switches:\n  - id: \"s 1\"\n", 2, 9, "switch id 's 1' contains ' '");
        yield return C("HostIdIsSwitchId", Base + "hosts:\n  - {id: s2, attach: s1}\n", 7, 10, "host id 's2' is already a switch id");
        yield return C("UnknownSwitchInEndpoints", "switches:\n  - id: s1\n  - id: s2\nlinks:\n  - endpoints: [s1, sw2]\n", 5, 21, "link end refers to unknown switch 'sw2'", "did you mean 's2'?");
        yield return C("UnknownSwitchInAttach", Base + "hosts:\n  - id: h1\n    attach: s3:1\n", 8, 13, "attachment of host 'h1' refers to unknown switch 's3'", "did you mean 's1'?");
        yield return C("HostAsLinkEnd", Base + "  - endpoints: [s1, h1]\nhosts:\n  - {id: h1, attach: s2}\n", 6, 21, "link end 'h1' is a host");
        yield return C("PortReused", "switches: [{id: s1}, {id: s2}, {id: s3}]\nlinks:\n  - endpoints: [s1:1, s2:1]\n  - endpoints: [s1:1, s3]\n", 4, 17, "port s1:1 is already in use", "first at line 3:17");
        yield return C("HostPortReused", Base.Replace("[s1, s2]", "[s1:2, s2]") + "hosts:\n  - id: h1\n    attach: s1:2\n", 8, 13, "port s1:2 is already in use");
        yield return C("PortZero", Base.Replace("[s1, s2]", "[s1:0, s2]"), 5, 17, "port number 1..2147483647", "'0'");
        yield return C("PortNotNumber", Base.Replace("[s1, s2]", "[s1, s2:eth0]"), 5, 21, "port number", "'eth0'");
        yield return C("MissingHostAttach", Base + "hosts:\n  - id: h1\n    mac: 00:00:00:00:00:01\n", 7, 5, "host is missing required key 'attach'");
        yield return C("MissingSwitchId", "switches:\n  - label: x\n", 2, 5, "switch is missing required key 'id'");
        yield return C("MissingEndpoints", Base + "  - id: l2\n", 6, 5, "link is missing required key 'endpoints'");
        yield return C("MissingSwitches", "hosts: []\n", 1, 1, "the top level is missing required key 'switches'");
        yield return C("ThreeEndpoints", "switches: [{id: a}, {id: b}, {id: c}]\nlinks:\n  - endpoints: [a, b, c]\n", 3, 16, "expected exactly two ends in 'endpoints', found 3");
        yield return C("EndpointsScalar", Base + "  - endpoints: s1-s2\n", 6, 16, "expected a sequence of two 'switch[:port]' ends", "found 's1-s2'");
        yield return C("SwitchesScalar", "switches: s1\n", 1, 11, "expected a sequence of switch mappings for 'switches'", "found 's1'");
        yield return C("SwitchesEmpty", "switches: []\n", 1, 11, "expected at least one switch");
        yield return C("SwitchItemScalar", "switches:\n  - s1\n", 2, 5, "expected a mapping (switch", "found 's1'");
        yield return C("LatOutOfRange", "switches:\n  - id: s1\n    location: {lat: 91, lon: 4}\n", 3, 21, "'lat' must be between -90 and 90", "'91'");
        yield return C("LonOutOfRange", "switches:\n  - id: s1\n    location:\n      lat: 1\n      lon: -180.5\n", 5, 12, "'lon' must be between -180 and 180");
        yield return C("LocationMissingLon", "switches:\n  - id: s1\n    location: {lat: 1}\n", 3, 15, "location is missing required key 'lon'");
        yield return C("LocationScalar", "switches:\n  - id: s1\n    location: Amsterdam\n", 3, 15, "expected a mapping {lat: …, lon: …}", "found 'Amsterdam'");
        yield return C("NfvWrongShape", "switches: [{id: s1}]\nnfv: [fw1]\n", 2, 6, "expected a mapping of instance ids to functions", "found a sequence");
        yield return C("NfvInstanceNotMapping", "switches: [{id: s1}]\nnfv: {fw: 1}\n", 2, 11, "expected a mapping (kind, attach, ...) for nfv instance 'fw'", "found '1'");
        yield return C("ChainItemNotMapping", "switches: [{id: s1}]\nchains:\n  - fw -> nat\n", 3, 5, "expected a mapping (chain such as", "found 'fw -> nat'");
        yield return C("ScenarioWrongShape", "switches: [{id: s1}]\nscenario: [fail s1]\n", 2, 11, "expected a mapping for 'scenario'", "found a sequence");
        yield return C("DuplicateLinkId", "switches: [{id: a}, {id: b}]\nlinks:\n  - {endpoints: [a, b], id: x}\n  - {endpoints: [a, b], id: x}\n", 4, 29, "duplicate link id 'x'");
        yield return C("LinkIdWithComma", Base + "    id: a,b\n", 6, 9, "link id 'a,b' contains ','");
        yield return C("EmptyLinkId", Base + "    id: ''\n", 6, 9, "expected a link id, found an empty value");
        yield return C("DuplicateMac", Base + "hosts:\n  - {id: h1, attach: s1, mac: '00:00:00:00:00:01'}\n  - {id: h2, attach: s1, mac: '00:00:00:00:00:01'}\n", 8, 31, "MAC 00:00:00:00:00:01 of host 'h2' is already used by host 'h1'");
        yield return C("DuplicateIp", Base + "hosts:\n  - {id: h1, attach: s1, ipv4: 10.0.0.1}\n  - {id: h2, attach: s1, ipv4: 10.0.0.1/8}\n", 8, 32, "address 10.0.0.1 of host 'h2' is already used by host 'h1'");
        yield return C("NonScalarKey", "switches: [{id: s1}]\n? [a, b]\n: 1\n", 2, 3, "expected a key name in the top level, found a sequence");
        yield return C("MergeKey", "switches:\n  - &base {id: s1}\n  - <<: *base\n    id: s2\n", 3, 5, "merge keys ('<<') are not supported");
        yield return C("SyntaxErrorUnclosedQuote", "switches:\n  - id: \"s1\n", 2, 9, "invalid YAML", "quoted scalar");
        yield return C("SyntaxErrorBadIndent", "switches:\n  - id: s1\n   label: x\n", 3, 4, "invalid YAML", "expected '-'");
        yield return C("SyntaxErrorTab", "switches:\n\t- id: s1\n", 2, 1, "invalid YAML", "tab");
        yield return C("SyntaxErrorUnclosedFlow", "switches: [{id: s1}\nlinks: []\n", 1, 11, "invalid YAML", "unclosed '['");
        yield return C("SyntaxErrorUnclosedFlowAtEnd", "switches:\n  - id: s1\nlinks: [s1\n", 4, 1, "invalid YAML", "did not find expected ',' or ']'");
        yield return C("FlowPairMappingPosition", "switches: [{id: a}, lable: x]\n", 1, 21, "switch is missing required key 'id'");
        yield return C("UnknownAlias", "switches:\n  - id: *nope\n", 2, 9, "alias '*nope' refers to no anchor");
        yield return C("TwoDocuments", "switches: [{id: s1}]\n---\nswitches: [{id: s2}]\n", 2, 1, "expected a single YAML document");
        yield return C("EmptyFile", "", 1, 1, "the file is empty");
        yield return C("OnlyComments", "# nothing here\n\n", 1, 1, "the file is empty");
        yield return C("TopLevelSequence", "- id: s1\n", 1, 1, "expected a mapping at the top level", "found a sequence");
        yield return C("TopLevelScalar", "hello", 1, 1, "expected a mapping at the top level", "found 'hello'");
        yield return C("DefaultsNotMapping", "defaults: 1Gbps\n" + Base, 1, 11, "expected a mapping (bandwidth, latency, cost, loss, queue) for 'defaults'");
    }

    [TestCaseSource(nameof(Cases))]
    public void ReportsTheErrorAtItsPosition(string yaml, int line, int col, string[] fragments)
    {
        var (topology, bag) = Load(yaml, "bad.yaml");
        Assert.That(topology, Is.Null, "a broken file must not load");
        Assert.That(bag.HasErrors, Is.True);
        var rendered = Render(bag);
        var match = bag.Items.FirstOrDefault(d =>
            d.Location is { } at && at.File == "bad.yaml" && at.Line == line && at.Column == col &&
            fragments.All(f => d.Message.Contains(f, StringComparison.Ordinal)));
        Assert.That(match, Is.Not.Null, $"expected an error at bad.yaml:{line}:{col} containing [{string.Join("] [", fragments)}]; got:\n{rendered}");
        Assert.That(match!.ToString(), Does.StartWith($"bad.yaml:{line}:{col}: error: "));
    }
}
