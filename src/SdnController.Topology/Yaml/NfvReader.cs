using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model.Nfv;
using SdnController.Topology.Scenarios;

namespace SdnController.Topology.Yaml;

/// <summary>
/// Reads the <c>nfv:</c> section — a mapping from instance id to function — into <see cref="NfvSpec"/>s.
/// The kind is read first, so unknown keys are judged against what that kind accepts; references
/// (switch, standby, backend hosts) are the builder's to check.
/// </summary>
internal static class NfvReader
{
    private const string Example = "'fw1: {kind: firewall, attach: s3}'";

    public static void Read(YEntry section, TopologyBuilder builder, DiagnosticBag diagnostics)
    {
        switch (section.Value)
        {
            // Files written before functions existed have "nfv: []".
            case YScalar { IsNull: true } or YSequence { Items.Count: 0 }:
                return;
            case YMapping map:
                foreach (var entry in map.Entries) ReadInstance(entry, builder, diagnostics);
                return;
            default:
                diagnostics.Error(section.Value.Location, $"expected a mapping of instance ids to functions (such as {Example}) for 'nfv', found {section.Value.Describe()}");
                return;
        }
    }

    private static void ReadInstance(YEntry entry, TopologyBuilder builder, DiagnosticBag diagnostics)
    {
        if (entry.Key is not YScalar { IsNull: false } idNode)
        {
            diagnostics.Error(entry.Key.Location, $"expected an instance id in 'nfv', found {entry.Key.Describe()}");
            return;
        }
        var id = idNode.Value;
        if (entry.Value is not YMapping map)
        {
            var at = entry.Value is YScalar { IsNull: true } ? idNode.Location : entry.Value.Location;
            diagnostics.Error(at, $"expected a mapping (kind, attach, ...) for nfv instance '{id}', found {entry.Value.Describe()}");
            return;
        }
        var kind = ReadKind(map, id, diagnostics);
        var what = kind is { } k ? $"{NfvKinds.Name(k)} '{id}'" : $"nfv instance '{id}'";
        var m = new MappingReader(map, what, kind is { } k2 ? TopologyYamlKeys.NfvKeys(k2) : TopologyYamlKeys.AnyNfv, diagnostics);

        PortSpec? attach = null;
        if (m.Require("attach", diagnostics, out var e)) attach = ValueReaders.Port(e.Value, $"attachment of '{id}'", e.Key.Location, diagnostics);
        string? standby = null;
        SourceLocation? standbyAt = null;
        if (m.TryGet("standby", out e) && ValueReaders.Scalar(e, "nfv instance id", diagnostics) is { } s)
        {
            standby = s.Value;
            standbyAt = s.Location;
        }
        if (kind is null) return;

        IReadOnlyList<SourceLocation?>? backendSources = null;
        NfvConfig? config = kind switch
        {
            NfvKind.Firewall => NfvRuleReader.Firewall(m, diagnostics),
            NfvKind.Nat => NfvRuleReader.Nat(m, id, diagnostics),
            NfvKind.LoadBalancer => NfvRuleReader.LoadBalancer(m, diagnostics, out backendSources),
            NfvKind.RateLimiter => NfvRuleReader.RateLimiter(m, diagnostics),
            _ => NfvRuleReader.Ids(m, diagnostics),
        };
        if (attach is null || config is null) return;
        builder.AddNfv(new NfvSpec(id, attach, config, idNode.Location)
        {
            Standby = standby,
            StandbySource = standbyAt,
            BackendSources = backendSources,
        });
    }

    private static NfvKind? ReadKind(YMapping map, string id, DiagnosticBag diagnostics)
    {
        foreach (var entry in map.Entries)
        {
            if (entry.Key is not YScalar { Value: "kind" }) continue;
            var i = ValueReaders.Choice(entry, NfvKinds.Names, diagnostics);
            return i < 0 ? null : (NfvKind)i;
        }
        diagnostics.Error(map.Location, $"nfv instance '{id}' is missing required key 'kind' ({string.Join(" | ", NfvKinds.Names)})");
        return null;
    }
}
