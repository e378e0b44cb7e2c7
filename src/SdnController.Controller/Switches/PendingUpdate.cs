using System.Diagnostics;
using Akka.Actor;
using SdnController.Controller.Messages;

namespace SdnController.Controller.Switches;

/// <summary>An ApplyRules waiting for its barrier reply (or for a resync that covers it).</summary>
internal sealed class PendingUpdate(ApplyRules update, IActorRef requester, int added, int removed, TimeSpan sentAt, Activity? span)
{
    public ApplyRules Update { get; } = update;
    public IActorRef Requester { get; } = requester;
    public int Added { get; } = added;
    public int Removed { get; } = removed;
    public TimeSpan SentAt { get; } = sentAt;
    public Activity? Span { get; } = span;
}
