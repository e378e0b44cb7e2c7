using System.Globalization;
using System.Text.Json;
using SdnController.Controller.Observation;

namespace SdnController.Scenarios.Reporting;

/// <summary>
/// One label the classifier gave a flow and what the <c>policy:</c> section made of it (the run report's <c>policy</c>
/// section): At is when the switches confirmed the change, LabelledAt when the label reached the controller (run time).
/// </summary>
public sealed record PolicyReport(TimeSpan At, TimeSpan LabelledAt, string Flow, string Protocol, string Class, string Method, int Rule,
    string Action, string Outcome, IReadOnlyList<string> FlowIds, int RulesAdded, int RulesRemoved)
{
    public long BlockId { get; init; }
}

internal static class PolicyReports
{
    public static List<PolicyReport> Build(IReadOnlyList<ControllerEvent> events, TimeSpan origin)
    {
        var result = new List<PolicyReport>();
        foreach (var e in events)
            if (e is FlowPolicyApplied p)
                result.Add(new PolicyReport(p.At - origin, p.LabelledAt - origin, p.Flow, p.Protocol, p.Class, p.Method, p.Rule, p.Action, p.Outcome,
                    p.FlowIds, p.RulesAdded, p.RulesRemoved) { BlockId = p.BlockId });
        return result;
    }

    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<PolicyReport> policy)
    {
        w.WriteStartArray("policy");
        foreach (var p in policy)
        {
            w.WriteStartObject();
            w.WriteNumber("at_ms", p.At.TotalMilliseconds);
            w.WriteNumber("labelled_at_ms", p.LabelledAt.TotalMilliseconds);
            w.WriteString("flow", p.Flow);
            w.WriteString("protocol", p.Protocol);
            w.WriteString("class", p.Class);
            w.WriteString("method", p.Method);
            w.WriteNumber("rule", p.Rule);
            w.WriteString("action", p.Action);
            w.WriteString("outcome", p.Outcome);
            w.WriteStartArray("flow_ids");
            foreach (var id in p.FlowIds) w.WriteStringValue(id);
            w.WriteEndArray();
            w.WriteNumber("rules_added", p.RulesAdded);
            w.WriteNumber("rules_removed", p.RulesRemoved);
            if (p.BlockId > 0) w.WriteNumber("block_id", p.BlockId);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void WriteText(TextWriter o, IReadOnlyList<PolicyReport> policy)
    {
        if (policy.Count == 0) return;
        o.WriteLine();
        o.WriteLine($"  policy: {policy.Count} label(s) acted on");
        foreach (var p in policy)
        {
            var at = p.At.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
            var flows = p.FlowIds.Count > 0 ? $" [{string.Join(", ", p.FlowIds)}]" : "";
            o.WriteLine($"    t={at} ms  {p.Flow}{flows}: {p.Protocol}/{p.Class} ({p.Method}) -> {p.Action}: {p.Outcome}, +{p.RulesAdded}/-{p.RulesRemoved} rules");
        }
    }
}
