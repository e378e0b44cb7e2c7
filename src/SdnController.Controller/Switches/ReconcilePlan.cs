using SdnController.Southbound.Rules;

namespace SdnController.Controller.Switches;

/// <summary>What a switch needs so its table equals the desired rules: entries to (re)add and entries to delete.</summary>
public sealed record ReconcilePlan(IReadOnlyList<FlowRule> Add, IReadOnlyList<FlowRule> Delete);
