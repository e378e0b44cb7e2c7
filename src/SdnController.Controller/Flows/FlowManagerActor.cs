using System.Collections.Immutable;
using Akka.Actor;
using SdnController.Controller.Messages;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Flows;

/// <summary>TEMPORARY placeholder until the real flow manager lands: no flows, so every switch's desired rule set is empty.</summary>
public sealed class FlowManagerActor : ReceiveActor
{
    public FlowManagerActor()
    {
        Receive<DesiredRulesRequest>(m => Sender.Tell(new DesiredRules(m.SwitchId, ImmutableArray<FlowRule>.Empty)));
        ReceiveAny(_ => { });
    }

    public static Props Props(ControllerSetup setup) =>
        Akka.Actor.Props.Create(() => new FlowManagerActor()).WithDispatcher(setup.Options.Dispatcher);
}
