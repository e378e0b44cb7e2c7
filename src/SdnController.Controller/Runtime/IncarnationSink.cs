using Akka.Actor;

namespace SdnController.Controller.Runtime;

/// <summary>
/// Hands a channel's messages to the actor that opened it, wrapped with the sink they came through. Each actor
/// incarnation opens its channel with a new sink and ignores envelopes from older ones: request ids restart with
/// the actor, so a reply to a crashed incarnation's request must not pass for a reply to the new one's.
/// </summary>
internal abstract class IncarnationSink<TMessage>(IActorRef actor)
{
    private volatile bool _closed;

    protected void Forward(TMessage message)
    {
        if (!_closed) actor.Tell(new SinkEnvelope<TMessage>(this, message));
    }

    public void Close() => _closed = true;
}

/// <summary>A channel message with the sink it came through.</summary>
internal sealed record SinkEnvelope<TMessage>(IncarnationSink<TMessage> Sink, TMessage Message);
