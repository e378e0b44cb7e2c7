using System.Collections.Immutable;
using System.Text.Json.Serialization;
using SdnController.Southbound.Nfv;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Controller.Persistence;

/// <summary>
/// One thing the controller was asked to make true, as the intent journal stores it (immutable, never edited:
/// a change is a new event). <see cref="AtMs"/> is the controller clock when it happened.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(FlowsDeclared), "flows")]
[JsonDerivedType(typeof(ConnectivityDeclared), "connectivity")]
[JsonDerivedType(typeof(FlowLabelled), "label")]
[JsonDerivedType(typeof(BlockMade), "block")]
[JsonDerivedType(typeof(BlockEnded), "unblock")]
[JsonDerivedType(typeof(BackendHealthChanged), "backend")]
[JsonDerivedType(typeof(FunctionConfigReplaced), "config")]
public abstract record IntentEvent(double AtMs);

/// <summary>A flow as declared (the fields of <see cref="Messages.FlowSpec"/>).</summary>
public sealed record DeclaredFlow(string Id, string Source, string Destination, byte Protocol, ushort SourcePort, ushort DestinationPort, bool Bidirectional, string? Class)
{
    public static DeclaredFlow Of(Messages.FlowSpec f) =>
        new(f.Id, f.SourceHost, f.DestinationHost, f.IpProtocol, f.SourcePort, f.DestinationPort, f.Bidirectional, f.Class);

    public Messages.FlowSpec ToSpec() => new(Id, Source, Destination, Protocol, SourcePort, DestinationPort, Bidirectional) { Class = Class };
}

/// <summary>Flows declared for proactive install (<see cref="ControllerHost.InstallFlows"/>), in the order given.</summary>
public sealed record FlowsDeclared(double AtMs, ImmutableArray<DeclaredFlow> Flows) : IntentEvent(AtMs);

/// <summary>Two hosts must reach each other (<see cref="ControllerHost.EnsureConnectivity"/>).</summary>
public sealed record ConnectivityDeclared(double AtMs, string HostA, string HostB) : IntentEvent(AtMs);

/// <summary>A classifier's label of a flow, which the topology's <c>policy:</c> section acts on; the latest label of a tuple wins.</summary>
public sealed record FlowLabelled(double AtMs, FunctionFlowTuple Tuple, string Protocol, string Class, string Method) : IntentEvent(AtMs);

/// <summary>An IDS block made by the flow manager: its id, the flow, and when it ends (null: until lifted).</summary>
public sealed record BlockMade(double AtMs, long BlockId, string FunctionId, string SignatureId, string Flow, FunctionFlowTuple Tuple,
    double SinceMs, double? ExpiresAtMs, double? BlockForMs) : IntentEvent(AtMs);

/// <summary>A block ended: lifted by the operator or expired.</summary>
public sealed record BlockEnded(double AtMs, long BlockId, string Reason) : IntentEvent(AtMs);

/// <summary>A load balancer's backend marked down or up (<see cref="ControllerHost.SetBackendHealth"/>).</summary>
public sealed record BackendHealthChanged(double AtMs, string FunctionId, string Backend, bool Healthy) : IntentEvent(AtMs);

/// <summary>
/// A network function's whole configuration replaced at run time (<see cref="ControllerHost.ReplaceFunctionConfig"/>), with
/// the version the function actor gave it: a restarted controller owns the same rules under the same number, so an
/// instance already running them is left alone and one that lost them is given these, never the topology's again.
/// </summary>
public sealed record FunctionConfigReplaced(double AtMs, string FunctionId, long Version, NfvConfig Config) : IntentEvent(AtMs);
