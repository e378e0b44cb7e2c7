using Akka.Actor;
using SdnController.Controller.Runtime;
using SdnController.Southbound;
using SdnController.Southbound.Messages;

namespace SdnController.Controller.Switches;

/// <summary>Hands southbound messages to the switch actor (see <see cref="IncarnationSink{TMessage}"/>).</summary>
internal sealed class ChannelSink(IActorRef actor) : IncarnationSink<SwitchMessage>(actor), ISwitchMessageSink
{
    public void Receive(SwitchMessage message) => Forward(message);
}
