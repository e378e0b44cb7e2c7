using SdnController.Nfv.Firewall;
using SdnController.Nfv.Ids;
using SdnController.Nfv.LoadBalancing;
using SdnController.Nfv.Nat;
using SdnController.Nfv.RateLimiting;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Nfv.Functions;

/// <summary>Creates the function of an instance of the topology.</summary>
public static class NetworkFunctions
{
    /// <summary>An unconfigured function of the given kind (it drops everything until configured).</summary>
    public static INetworkFunction Create(string id, NfvKind kind) => kind switch
    {
        NfvKind.Firewall => new FirewallFunction(id),
        NfvKind.Nat => new NatFunction(id),
        NfvKind.LoadBalancer => new LoadBalancerFunction(id),
        NfvKind.RateLimiter => new RateLimiterFunction(id),
        NfvKind.Ids => new IdsFunction(id),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a network function kind"),
    };

    /// <summary>The instance's function with the instance's rules applied as <paramref name="version"/>.</summary>
    public static INetworkFunction Create(NfvInstance instance, long version = 1)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var f = Create(instance.Id, instance.Kind);
        f.Configure(version, instance.Config);
        return f;
    }
}
