using Akka.Actor;
using SdnController.Southbound;
using SdnController.Southbound.Messages;

namespace SdnController.Controller.Switches;

/// <summary>
/// Hands southbound messages to the switch actor. Each actor incarnation opens its channel with a new sink
/// and ignores envelopes from older ones, so replies to a crashed incarnation's requests cannot be taken
/// for replies to the new one's (xids restart with the actor).
/// </summary>
internal sealed class ChannelSink(IActorRef actor) : ISwitchMessageSink
{
    private volatile bool _closed;

    public void Receive(SwitchMessage message)
    {
        if (!_closed) actor.Tell(new ChannelEnvelope(this, message));
    }

    public void Close() => _closed = true;
}

/// <summary>A southbound message with the sink it came through.</summary>
internal sealed record ChannelEnvelope(ChannelSink Sink, SwitchMessage Message);
