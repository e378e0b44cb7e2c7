using Akka.Actor;
using SdnController.Controller.Runtime;
using SdnController.Southbound.Nfv;

namespace SdnController.Controller.Nfv;

/// <summary>Hands a function's messages to its actor (see <see cref="IncarnationSink{TMessage}"/>).</summary>
internal sealed class FunctionChannelSink(IActorRef actor) : IncarnationSink<FunctionMessage>(actor), IFunctionMessageSink
{
    public void Receive(FunctionMessage message) => Forward(message);
}
