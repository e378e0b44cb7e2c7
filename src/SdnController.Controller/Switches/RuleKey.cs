using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Switches;

/// <summary>A flow entry's identity inside one switch, as in OpenFlow: priority and match.</summary>
public readonly record struct RuleKey(int Priority, Match Match)
{
    public static RuleKey Of(FlowRule rule) => new(rule.Priority, rule.Match);
}
