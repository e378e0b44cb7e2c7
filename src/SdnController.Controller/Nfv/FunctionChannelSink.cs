using Akka.Actor;
using SdnController.Southbound.Nfv;

namespace SdnController.Controller.Nfv;

/// <summary>
/// Hands a function's messages to its actor. Each actor incarnation opens the channel with a new sink and
/// ignores envelopes from older ones: xids restart with the actor, so an old reply must not pass for a new one.
/// </summary>
internal sealed class FunctionChannelSink(IActorRef actor) : IFunctionMessageSink
{
    private volatile bool _closed;

    public void Receive(FunctionMessage message)
    {
        if (!_closed) actor.Tell(new FunctionEnvelope(this, message));
    }

    public void Close() => _closed = true;
}

/// <summary>A function's message with the sink it came through.</summary>
internal sealed record FunctionEnvelope(FunctionChannelSink Sink, FunctionMessage Message);
