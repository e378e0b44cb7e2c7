namespace SdnController.Controller.Telemetry;

/// <summary>
/// Span and attributes of applying the <c>policy:</c> section (docs/telemetry.md): one root <c>flow.policy</c> per label
/// that changes what happens to a flow, with the usual switch.install children when rules change.
/// </summary>
public static class PolicyTelemetry
{
    public const string FlowPolicy = "flow.policy";

    public const string Flow = "sdn.policy.flow";
    public const string Protocol = "sdn.policy.protocol";
    public const string Class = "sdn.policy.class";
    public const string Method = "sdn.policy.method";
    /// <summary>0-based index of the entry applied; -1 when none matched.</summary>
    public const string Rule = "sdn.policy.rule";
    /// <summary>The entry's action (metric:latency, chain:ID, block) or none; also the counter's tag, as its kind (metric, chain, block).</summary>
    public const string Action = "sdn.policy.action";
    public const string Outcome = "sdn.policy.outcome";
}
