using System.Collections.Immutable;
using Akka.Actor;

namespace SdnController.Controller.Nfv;

/// <summary>The supervisor's function actors: one per <see cref="Southbound.ISouthbound.Functions"/> endpoint, named "nfv-&lt;id&gt;".</summary>
internal static class FunctionActors
{
    /// <param name="recovered">Configurations replaced at run time before a controller restart (from the intent store);
    /// one replaces the topology's rules of its function when that function is still there and of the same kind.</param>
    public static ImmutableDictionary<string, IActorRef> Start(IUntypedActorContext context, ControllerSetup setup,
        IReadOnlyList<Persistence.FunctionConfigReplaced>? recovered = null)
    {
        var result = ImmutableDictionary.CreateBuilder<string, IActorRef>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in setup.Southbound.Functions)
        {
            // Version 1 is the topology's rules; an instance the topology does not declare has none to push.
            var declared = setup.Topology.FindNfv(endpoint.Id)?.Config;
            var replaced = RecoveredFor(endpoint.Id, declared, recovered);
            var desired = replaced is not null ? new DesiredFunctionConfig(replaced.Config, replaced.Version) : new DesiredFunctionConfig(declared);
            result[endpoint.Id] = context.ActorOf(FunctionActor.Props(setup, endpoint, desired), NameFor(endpoint.Id, result.Count, names));
        }
        return result.ToImmutable();
    }

    /// <summary>How many of the recovered replacements a start applies (the others' functions are gone or changed kind).</summary>
    public static int Applicable(ControllerSetup setup, IReadOnlyList<Persistence.FunctionConfigReplaced> recovered)
    {
        var n = 0;
        foreach (var endpoint in setup.Southbound.Functions)
            if (RecoveredFor(endpoint.Id, setup.Topology.FindNfv(endpoint.Id)?.Config, recovered) is not null) n++;
        return n;
    }

    /// <summary>
    /// The recovered replacement of <paramref name="functionId"/>'s rules, unless the topology now declares that function
    /// with another kind or not at all (a store used with an edited topology file: the file wins).
    /// </summary>
    private static Persistence.FunctionConfigReplaced? RecoveredFor(string functionId, Topology.Model.Nfv.NfvConfig? declared,
        IReadOnlyList<Persistence.FunctionConfigReplaced>? recovered)
    {
        if (recovered is null || declared is null) return null;
        foreach (var r in recovered)
            if (r.FunctionId == functionId && r.Config.Kind == declared.Kind && r.Version > 0) return r;
        return null;
    }

    /// <summary>The children again after the supervisor itself restarted (they outlive it).</summary>
    public static ImmutableDictionary<string, IActorRef> Find(IUntypedActorContext context, ControllerSetup setup)
    {
        var result = ImmutableDictionary.CreateBuilder<string, IActorRef>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var endpoint in setup.Southbound.Functions)
        {
            var child = context.Child(NameFor(endpoint.Id, position++, names));
            if (!child.IsNobody()) result[endpoint.Id] = child;
        }
        return result.ToImmutable();
    }

    /// <summary>"nfv-&lt;id&gt;" when that is a valid, unused actor name; otherwise "nfv-#&lt;n&gt;".</summary>
    internal static string NameFor(string functionId, int position, HashSet<string> used)
    {
        var name = "nfv-" + functionId;
        if (!ActorPath.IsValidPathElement(name) || !used.Add(name))
        {
            name = $"nfv-{position}";
            for (var n = 2; !used.Add(name); n++) name = $"nfv-{position}-{n}";
        }
        return name;
    }
}
