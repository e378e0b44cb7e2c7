using System.Text.Json;
using SdnController.Verification.Checking;

namespace SdnController.Verification.Reporting;

/// <summary><c>sdnctl verify --json</c>: the shape documented in docs/verify.md ("sdnctl-verify/1").</summary>
public static class VerifyJson
{
    public const string Format = "sdnctl-verify/1";

    public static void Write(Utf8JsonWriter w, VerificationReport r)
    {
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteString("topology", r.Topology);
        w.WriteStartArray("down_links");
        foreach (var l in r.DownLinks) w.WriteStringValue(l);
        w.WriteEndArray();
        w.WriteBoolean("clean", r.IsClean);
        w.WriteStartObject("summary");
        w.WriteNumber("checked", r.Checked);
        foreach (var v in Enum.GetValues<Verdict>()) w.WriteNumber(Verdicts.Name(v), r.Count(v));
        w.WriteNumber("skipped_flows", r.SkippedFlows);
        w.WriteNumber("violations", r.Violations.Count);
        w.WriteEndObject();
        WritePairs(w, r.Pairs);
        WriteFindings(w, "violations", r.Violations);
        WriteFindings(w, "unchecked", r.Unchecked);
        w.WriteEndObject();
    }

    /// <summary>Added with the sampled mode: without it a reader could not tell a sample's counts from the network's.</summary>
    private static void WritePairs(Utf8JsonWriter w, PairCoverage p)
    {
        w.WriteStartObject("pairs");
        w.WriteNumber("total", p.Total);
        w.WriteNumber("walked", p.Walked);
        w.WriteBoolean("sampled", p.Sampled);
        w.WriteNumber("included", p.Included);
        if (p.Seed is { } seed) w.WriteNumber("seed", seed);
        else w.WriteNull("seed");
        w.WriteEndObject();
    }

    private static void WriteFindings(Utf8JsonWriter w, string name, IReadOnlyList<Finding> findings)
    {
        w.WriteStartArray(name);
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("kind", Verdicts.Name(f.Verdict));
            w.WriteString("probe", f.Probe.Kind == ProbeKind.Flow ? "flow" : "pair");
            if (f.Probe.FlowId is { } id) w.WriteString("flow", id);
            w.WriteString("from", f.Probe.From);
            w.WriteString("to", f.Probe.To);
            w.WriteString("header", f.Probe.Header.Describe());
            w.WriteStartArray("path");
            foreach (var p in f.Path) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteStartArray("functions");
            foreach (var p in f.Functions) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteString("where", f.Where);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
