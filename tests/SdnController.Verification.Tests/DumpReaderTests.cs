using System.Text;
using SdnController.Verification.Dump;
using SdnController.Verification.Json;

namespace SdnController.Verification.Tests;

[TestFixture]
public class DumpReaderTests
{
    private static string ErrorOf(string json)
    {
        var e = Assert.Throws<DumpFormatException>(() => FlowDumpReader.Read(Encoding.UTF8.GetBytes(json), "f.json"))!;
        return e.Message;
    }

    [Test]
    public void Bad_json_is_reported_at_its_line_and_column() =>
        Assert.That(ErrorOf("{\n  \"format\": \"sdnctl-flow-dump/1\",\n  \"switches\": [,]\n}"), Does.StartWith("f.json:3:16: error: invalid JSON"));

    [Test]
    public void A_bad_field_is_reported_where_its_value_is()
    {
        var json = "{\"format\": \"sdnctl-flow-dump/1\", \"switches\": [{\"id\": \"s1\",\n \"flows\": [{\"priority\": 1, \"match\": {\"ipv4_dst\": \"10.0.0/8\"}}]}], \"hosts\": []}";
        Assert.That(ErrorOf(json), Is.EqualTo("f.json:2:50: error: '10.0.0/8' is not an IPv4 prefix (a.b.c.d/len)"));
    }

    [Test]
    public void Unknown_match_fields_and_formats_are_refused()
    {
        Assert.That(ErrorOf("{\"format\": \"other/2\", \"switches\": [], \"hosts\": []}"), Does.Contain("expected 'sdnctl-flow-dump/1'"));
        Assert.That(ErrorOf("{\"format\": \"sdnctl-flow-dump/1\", \"switches\": [{\"id\": \"s1\", \"flows\": [{\"priority\": 1, \"match\": {\"tcp_flags\": 2}}]}], \"hosts\": []}"),
            Does.Contain("unknown match field 'tcp_flags'"));
        Assert.That(ErrorOf("{\"format\": \"sdnctl-flow-dump/1\", \"switches\": []}"), Does.Contain("missing field 'hosts'"));
    }

    [Test]
    public void Matches_follow_openflow_semantics()
    {
        var json = """
            {"format": "sdnctl-flow-dump/1", "switches": [{"id": "s1", "flows": [
              {"priority": 5, "match": {"vlan": "none", "ipv4_dst": "10.0.0.0/8", "l4_dst": 80}, "actions": []},
              {"priority": 9, "match": {"eth_type": 2048, "vlan": 7}, "actions": []}]}], "hosts": []}
            """;
        var rules = FlowDumpReader.Read(Encoding.UTF8.GetBytes(json), "f.json").Switches[0].Rules;
        Assert.That(rules[0].Priority, Is.EqualTo(9), "highest priority first");
        var tcp = Walking.Header.Ipv4(1, 2, 0x0a000001, 0x0a010203, 6, 1234, 80);
        Assert.That(rules[1].Match.Matches(tcp, 1), Is.True);
        Assert.That(rules[1].Match.Matches(tcp with { Vlan = 7 }, 1), Is.False, "vlan none = untagged only");
        Assert.That(rules[0].Match.Matches(tcp with { Vlan = 7 }, 1), Is.True);
        Assert.That(rules[1].Match.Matches(tcp with { Ipv4Dst = 0x0b000001 }, 1), Is.False);
        Assert.That(rules[1].Match.Matches(tcp with { IpProto = 1, L4Src = -1, L4Dst = -1 }, 1), Is.False, "ICMP has no ports to match");
    }
}
