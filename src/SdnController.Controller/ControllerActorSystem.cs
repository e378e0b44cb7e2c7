using Akka.Actor;
using Akka.Configuration;

namespace SdnController.Controller;

/// <summary>
/// The actor system the controller runs in. Akka's logging is off: actor failures are expected (fault
/// injection, supervision) and are reported through the controller observer, never as log lines or stack
/// traces on the user's console.
/// </summary>
public static class ControllerActorSystem
{
    private const string QuietConfig = """
        akka {
          loglevel = OFF
          stdout-loglevel = OFF
          log-config-on-start = off
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          actor.debug {
            receive = off
            autoreceive = off
            lifecycle = off
            unhandled = off
          }
        }
        """;

    public static ActorSystem Create(string name) => ActorSystem.Create(name, ConfigurationFactory.ParseString(QuietConfig));
}
