using SdnController.Southbound.Messages;
using SdnController.Southbound.Nfv;
using SdnController.Southbound.Time;

namespace SdnController.Southbound;

/// <summary>
/// How the controller reaches switches. The virtual network implements it; an OpenFlow 1.3 driver will too.
/// Messages to the controller are delivered through the sink on the driver's event loop thread, one at a
/// time, in the order each switch sent them.
/// </summary>
public interface ISouthbound
{
    /// <summary>Switches the driver can connect to (the virtual network: every switch of the topology).</summary>
    IReadOnlyList<SwitchEndpoint> Switches { get; }

    /// <summary>Open the control channel to one switch; replies and events arrive at the sink.</summary>
    ISwitchChannel Open(ulong dpid, ISwitchMessageSink sink);

    /// <summary>The clock both sides use (virtual or real time).</summary>
    IClock Clock { get; }

    /// <summary>
    /// Network function instances the driver can reach (the virtual network: every instance of the topology's
    /// <c>nfv:</c> section). A driver that manages none keeps this default.
    /// </summary>
    IReadOnlyList<FunctionEndpoint> Functions => Array.Empty<FunctionEndpoint>();

    /// <summary>
    /// Open the management channel to one function instance (replacing any earlier one); the sink first hears a
    /// <see cref="FunctionStatus"/> event with the instance's state and applied version. See docs/nfv.md.
    /// </summary>
    /// <exception cref="ArgumentException">No instance has that id (with the default: none has any).</exception>
    INfvChannel OpenFunction(string id, IFunctionMessageSink sink) =>
        throw new ArgumentException($"no network function '{id}': this southbound reaches no network functions");
}

public sealed record SwitchEndpoint(ulong Dpid, string Name);

public interface ISwitchChannel : IDisposable
{
    ulong Dpid { get; }
    /// <summary>Queue a message; the switch handles channel messages strictly in order.</summary>
    void Send(ControllerMessage message);
    /// <summary>Queue several at once (one "write" on the channel).</summary>
    void Send(IReadOnlyList<ControllerMessage> messages);
}

public interface ISwitchMessageSink
{
    void Receive(SwitchMessage message);
}
