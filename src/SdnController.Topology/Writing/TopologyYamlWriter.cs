using SdnController.Topology.Model;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Writing;

/// <summary>
/// Writes a <see cref="Model.Topology"/> in the YAML topology format, so generated or imported
/// networks become files people can read, edit and load again.
/// </summary>
/// <remarks>
/// <para>Output is deterministic: elements keep the topology's order, every port is explicit and
/// numbers and quantities are written by <see cref="Units"/>, in the invariant culture and exactly:
/// each reads back as the same double, so coordinates, and the latencies derived from them, survive a
/// round trip. It starts with the schema comment for editors, then
/// <see cref="Model.Topology.Attributes"/> as comments (e.g. attribution for imported networks).</para>
/// <para>What is left out reloads to the same value: a link's bandwidth, cost, loss and queue when they
/// equal the defaults (loss and queue appear in <c>defaults:</c> only when set); its latency unless it was stated (a derived one is derived again from the written
/// locations, a default one from the defaults); its id when it is the builder's own
/// <c>a-b</c> form; datapath ids when every switch has its position's (1, 2, …).</para>
/// <para>Switch and link attributes have no place in the format and are not written. Network functions
/// and chains are written in full (<see cref="NfvYamlWriter"/>), empty sections as <c>[]</c>.
/// Traffic and scenario are written in full (flows expanded, one per pair); when there are none the
/// sections are written empty, as the committed sample files have them. The <c>controller:</c> and
/// <c>classes:</c> sections appear only when they differ from the defaults (<see cref="PolicyYamlWriter"/>).</para>
/// </remarks>
public static class TopologyYamlWriter
{
    public const string SchemaComment = "# yaml-language-server: $schema=../schemas/topology.schema.json";

    public static string ToYaml(Model.Topology t)
    {
        var w = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(t, w);
        return w.ToString();
    }

    public static void Write(Model.Topology t, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(w);
        w.Write(SchemaComment + "\n");
        WriteAttributeComments(t.Attributes, w);
        w.Write($"name: {YamlScalar.Format(t.Name)}\n");
        if (!string.IsNullOrEmpty(t.Description)) w.Write($"description: {YamlScalar.Format(t.Description)}\n");
        var d = t.Defaults;
        // Loss and queue only when set, so files that never used them read as before.
        var lossAndQueue = (d.LossRate != 0 ? $", loss: {Units.FormatLoss(d.LossRate)}" : "") +
                           (d.QueuePackets is { } q ? $", queue: {q}" : "");
        w.Write($"defaults: {{bandwidth: {Units.FormatBandwidth(d.BandwidthBps)}, latency: {Units.FormatLatency(d.LatencyMs)}, cost: {Units.FormatNumber(d.Cost)}{lossAndQueue}}}\n");
        WriteSwitches(t.Switches, w);
        WriteHosts(t.Hosts, w);
        WriteLinks(t.Links, d, w);
        NfvYamlWriter.WriteNfv(t.Nfv, w);
        NfvYamlWriter.WriteChains(t.Chains, w);
        PolicyYamlWriter.Write(t.Controller, t.Classes, w);
        PolicyYamlWriter.WritePolicy(t.Policy, w);
        // Empty sections are written out so users see they exist.
        if (t.Traffic.Count == 0) w.Write("traffic:  []  # none (flows sdnctl run sends)\n");
        else ScenarioYamlWriter.WriteTraffic(t.Traffic, w);
        if (t.Scenario is null) w.Write("scenario: {}  # none (timed failures and checks for sdnctl run)\n");
        else ScenarioYamlWriter.WriteScenario(t.Scenario, w);
    }

    private static void WriteAttributeComments(IReadOnlyDictionary<string, string> attributes, TextWriter w)
    {
        if (attributes.Count == 0) return;
        var keys = attributes.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var lines = attributes[key].Replace("\r\n", "\n").Split('\n');
            w.Write($"# {key}: {lines[0]}\n");
            for (var i = 1; i < lines.Length; i++) w.Write($"#   {lines[i]}\n");
        }
    }

    private static void WriteSwitches(IReadOnlyList<Switch> switches, TextWriter w)
    {
        if (!StartSection("switches", switches.Count, w)) return;
        var positionalDpids = true;
        for (var i = 0; i < switches.Count && positionalDpids; i++)
            positionalDpids = switches[i].DatapathId == (ulong)(i + 1);

        foreach (var s in switches)
        {
            w.Write($"  - id: {YamlScalar.Format(s.Id)}\n");
            if (!positionalDpids) w.Write($"    dpid: {s.DatapathId}\n");
            if (!string.IsNullOrEmpty(s.Label)) w.Write($"    label: {YamlScalar.Format(s.Label)}\n");
            if (s.Location is { } g)
                w.Write($"    location: {{lat: {Units.FormatNumber(g.Latitude)}, lon: {Units.FormatNumber(g.Longitude)}}}\n");
        }
    }

    private static void WriteHosts(IReadOnlyList<Host> hosts, TextWriter w)
    {
        if (!StartSection("hosts", hosts.Count, w)) return;
        foreach (var h in hosts)
        {
            w.Write($"  - id: {YamlScalar.Format(h.Id)}\n");
            // Always quoted: YAML 1.1 reads an all-digit MAC such as 00:00:00:00:00:01 as a base-60 number.
            w.Write($"    mac: {YamlScalar.Quote(Host.FormatMac(h.Mac))}\n");
            if (h.IPv4 is { } v4) w.Write($"    ipv4: {YamlScalar.Format(v4.ToString())}\n");
            if (h.IPv6 is { } v6) w.Write($"    ipv6: {YamlScalar.Format(v6.ToString())}\n");
            w.Write($"    attach: {YamlScalar.Format(h.Attachment.ToString())}\n");
            if (h.Real) w.Write("    real: true\n");
        }
    }

    private static void WriteLinks(IReadOnlyList<Link> links, LinkDefaults defaults, TextWriter w)
    {
        if (!StartSection("links", links.Count, w)) return;
        foreach (var l in links)
        {
            w.Write($"  - endpoints: [{YamlScalar.Format(l.A.ToString(), inFlow: true)}, {YamlScalar.Format(l.B.ToString(), inFlow: true)}]\n");
            if (l.Id != $"{l.A.Node}-{l.B.Node}") w.Write($"    id: {YamlScalar.Format(l.Id)}\n");
            if (l.BandwidthBps != defaults.BandwidthBps) w.Write($"    bandwidth: {Units.FormatBandwidth(l.BandwidthBps)}\n");
            if (l.LatencySource == LatencySource.Stated) w.Write($"    latency: {Units.FormatLatency(l.LatencyMs)}\n");
            if (l.Cost != defaults.Cost) w.Write($"    cost: {Units.FormatNumber(l.Cost)}\n");
            if (l.LossRate != defaults.LossRate) w.Write($"    loss: {Units.FormatLoss(l.LossRate)}\n");
            // A link without a queue of its own under defaults that state one cannot be written; it reloads with the default's.
            if (l.QueuePackets is { } queue && queue != defaults.QueuePackets) w.Write($"    queue: {queue}\n");
        }
    }

    /// <summary>Writes the section's key; an empty section is written whole, as <c>[]</c>, and false returned.</summary>
    private static bool StartSection(string name, int count, TextWriter w)
    {
        w.Write(count == 0 ? $"{name}: []\n" : $"{name}:\n");
        return count > 0;
    }
}
