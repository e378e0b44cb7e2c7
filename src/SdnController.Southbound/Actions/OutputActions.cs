using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace SdnController.Southbound.Actions;

/// <summary>
/// The one-action list "output to port N", shared: every rule and probe that only forwards out of a port
/// can hold the same immutable list (hundreds of thousands of them in a large network).
/// </summary>
public static class OutputActions
{
    private static readonly ConcurrentDictionary<int, ImmutableArray<FlowAction>> Cache = new();

    public static ImmutableArray<FlowAction> To(int port) =>
        Cache.GetOrAdd(port, static p => ImmutableArray.Create<FlowAction>(new OutputAction(p)));
}
