using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SdnController.Scenarios.Storms;

/// <summary>
/// A flow dump reduced to what "the same rules" means after a storm: per switch, whether it is up and the
/// multiset of its rules as (priority, match, actions, timeouts), with every group action replaced by the
/// group's type and buckets. Left out: cookies and group ids (allocation order differs once rules were
/// replaced), packet and byte counters, the dump time, port state. Everything that decides forwarding is
/// kept, VLAN tags included: the controller's untagging pass takes flows a two-phase update left on the
/// tagged version (VLAN 3901, or a chain's version-1 segment tags) back to the untagged one, so a repaired
/// network must hold exactly a fresh start's rules, version tags and all.
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
                sb.Append(f["priority"]!.ToJsonString()).Append(' ').Append(match.ToJsonString()).Append(" -> ");
                foreach (var a in f["actions"]!.AsArray())
                {
                    if ((string?)a!["type"] == "group")
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
