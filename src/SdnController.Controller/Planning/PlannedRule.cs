using SdnController.Southbound.Rules;

namespace SdnController.Controller.Planning;

/// <summary>One rule the planner wants on one switch (switch index in topology order).</summary>
public readonly record struct PlannedRule(int SwitchIndex, FlowDirection Direction, FlowRule Rule);
