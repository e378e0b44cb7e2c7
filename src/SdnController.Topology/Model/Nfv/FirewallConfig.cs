namespace SdnController.Topology.Model.Nfv;

/// <summary>Ordered rules, first match wins, <see cref="Default"/> when none matches; replies of allowed connections pass.</summary>
public sealed record FirewallConfig(FirewallAction Default, IReadOnlyList<FirewallRule> Rules) : NfvConfig
{
    public override NfvKind Kind => NfvKind.Firewall;
}
