using Akka.Actor;

namespace SdnController.Controller.Tests.Support;

/// <summary>An actor standing in for a peer (flow manager, topology actor): records what it gets and may answer.</summary>
public sealed class Recorder
{
    private Recorder() { }

    public List<object> Messages { get; } = new();
    public IActorRef Ref { get; private set; } = ActorRefs.Nobody;

    public IEnumerable<T> Of<T>() => Messages.OfType<T>();

    public static Recorder Create(ActorSystem system, TestLoop loop, string dispatcher, string name, Func<object, object?>? reply = null)
    {
        var r = new Recorder();
        r.Ref = loop.Run(() => ControllerHost.WaitUntilStarted(system.ActorOf(Props.Create(() => new RecordingActor(r.Messages, reply)).WithDispatcher(dispatcher), name)));
        return r;
    }

    private sealed class RecordingActor : ReceiveActor
    {
        public RecordingActor(List<object> log, Func<object, object?>? reply)
        {
            ReceiveAny(m =>
            {
                log.Add(m);
                if (reply?.Invoke(m) is { } answer) Sender.Tell(answer);
            });
        }
    }
}
