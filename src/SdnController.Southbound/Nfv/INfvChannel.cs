namespace SdnController.Southbound.Nfv;

/// <summary>
/// The management channel to one network function instance (a REST/gRPC agent in a real deployment; no
/// OpenFlow). Requests are handled strictly in the order sent; every reply carries its request's Xid.
/// </summary>
public interface INfvChannel : IDisposable
{
    string FunctionId { get; }
    /// <summary>Queue a request. A request that reaches a down instance is lost (no reply), as with a dead process.</summary>
    void Send(FunctionRequest request);
}

public interface IFunctionMessageSink
{
    /// <summary>On the driver's event loop thread, one at a time, in the order the instance sent them.</summary>
    void Receive(FunctionMessage message);
}
