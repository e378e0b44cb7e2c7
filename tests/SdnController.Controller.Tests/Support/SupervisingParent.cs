using Akka.Actor;
using SdnController.Controller.Supervision;

namespace SdnController.Controller.Tests.Support;

/// <summary>Runs one child under the controller's supervision strategy and forwards every message to it.</summary>
public sealed class SupervisingParent : ReceiveActor
{
    private readonly Props _child;
    private IActorRef _target = ActorRefs.Nobody;

    public SupervisingParent(Props child)
    {
        _child = child;
        ReceiveAny(m => _target.Forward(m));
    }

    protected override SupervisorStrategy SupervisorStrategy() => ControllerSupervisor.CreateStrategy();

    protected override void PreStart() => _target = Context.ActorOf(_child, "child");
}
