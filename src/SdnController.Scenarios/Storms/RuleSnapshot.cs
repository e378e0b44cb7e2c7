using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SdnController.Scenarios.Storms;

/// <summary>
/// A flow dump reduced to what "the same rules" means after a storm: per switch, whether it is up and the
/// multiset of its rules as (priority, match, actions, timeouts), with every group action replaced by the
/// group's type and buckets. Left out: cookies and group ids (allocation order differs once rules were
/// replaced), packet and byte counters, the dump time, port state. A chain-stage VLAN tag (3072–3199, see
/// docs: version 0 = 3072 + segment, version 1 = 3136 + segment) is compared by its segment only: a chained
/// flow that moved and came back legitimately runs on the other configuration version. Stale rules of the
/// old version would still show, as extra rules, because the rules are compared as a multiset. Everything
/// else that decides forwarding is kept.
/// </summary>
public sealed class RuleSnapshot
{
    private readonly SortedDictionary<string, List<string>> _switches;

    private RuleSnapshot(SortedDictionary<string, List<string>> switches) => _switches = switches;

    public static RuleSnapshot Of(byte[] dumpUtf8)
    {
        var root = JsonNode.Parse(dumpUtf8)!.AsObject();
        var result = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var sw in root["switches"]!.AsArray())
        {
            var groups = new Dictionary<long, string>();
            if (sw!["groups"] is JsonArray gs)
                foreach (var g in gs)
                    groups[g!["group_id"]!.GetValue<long>()] = $"{g["type"]}:{g["buckets"]!.ToJsonString()}";
            var rules = new List<string>();
            foreach (var f in sw["flows"]!.AsArray())
            {
                var sb = new StringBuilder();
                var match = f!["match"]!.AsObject();
                if (match["vlan"] is JsonValue mv && mv.TryGetValue<int>(out var matchVlan)) match["vlan"] = Tag(matchVlan);
                sb.Append(f["priority"]!.ToJsonString()).Append(' ').Append(match.ToJsonString()).Append(" -> ");
                foreach (var a in f["actions"]!.AsArray())
                {
                    var type = (string?)a!["type"];
                    if (type == "push_vlan" && a["vlan_id"] is JsonValue pv && pv.TryGetValue<int>(out var pushed)) a["vlan_id"] = Tag(pushed);
                    else if (type == "set_field" && (string?)a["field"] == "vlan_vid" && int.TryParse(a["value"]?.ToString(), out var set)) a["value"] = Tag(set);
                    if (type == "group")
                    {
                        var id = a["group_id"]!.GetValue<long>();
                        sb.Append("group ").Append(groups.TryGetValue(id, out var g) ? g : "missing").Append("; ");
                    }
                    else sb.Append(a.ToJsonString()).Append("; ");
                }
                sb.Append(" idle ").Append(f["idle_timeout_ms"]?.ToJsonString()).Append(" hard ").Append(f["hard_timeout_ms"]?.ToJsonString());
                rules.Add(sb.ToString());
            }
            rules.Sort(StringComparer.Ordinal);
            rules.Insert(0, "up " + sw["up"]!.ToJsonString());
            result[(string)sw["id"]!] = rules;
        }
        return new RuleSnapshot(result);
    }

    private const int ChainTagBase = 3072, ChainSegments = 64;

    private static JsonNode Tag(int vlan) =>
        vlan >= ChainTagBase && vlan < ChainTagBase + 2 * ChainSegments
            ? JsonValue.Create($"chain-segment-{(vlan - ChainTagBase) % ChainSegments}")
            : JsonValue.Create(vlan);

    public int RuleCount
    {
        get
        {
            var n = 0;
            foreach (var r in _switches.Values) n += r.Count - 1;
            return n;
        }
    }

    /// <summary>Empty when equal; else up to <paramref name="max"/> lines "switch: missing|extra rule".</summary>
    public List<string> Differences(RuleSnapshot expected, int max = 6)
    {
        var diffs = new List<string>();
        var all = new SortedSet<string>(_switches.Keys, StringComparer.Ordinal);
        all.UnionWith(expected._switches.Keys);
        var total = 0;
        foreach (var sw in all)
        {
            var mine = _switches.GetValueOrDefault(sw) ?? new List<string>();
            var theirs = expected._switches.GetValueOrDefault(sw) ?? new List<string>();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var r in theirs) counts[r] = counts.GetValueOrDefault(r) + 1;
            foreach (var r in mine) counts[r] = counts.GetValueOrDefault(r) - 1;
            foreach (var (rule, c) in counts)
            {
                if (c == 0) continue;
                total++;
                if (diffs.Count < max) diffs.Add($"{sw}: {(c > 0 ? "missing" : "extra")} {rule}");
            }
        }
        if (total > diffs.Count) diffs.Add($"... {total - diffs.Count} more");
        return diffs;
    }
}
