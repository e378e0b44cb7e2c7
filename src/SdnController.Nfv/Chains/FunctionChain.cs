using SdnController.Nfv.Functions;

namespace SdnController.Nfv.Chains;

/// <summary>
/// Functions applied in order to one frame, as a service chain's packets cross them; the first drop ends
/// it. Used where the chain runs in one place (benchmarks, tests); in the network each function is its own
/// node and the path between them is the controller's.
/// </summary>
public sealed class FunctionChain
{
    private readonly INetworkFunction[] _functions;

    public FunctionChain(IEnumerable<INetworkFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        _functions = functions.ToArray();
        if (_functions.Length == 0) throw new ArgumentException("a chain needs at least one function", nameof(functions));
    }

    public IReadOnlyList<INetworkFunction> Functions => _functions;

    /// <summary>The verdict of the function that dropped the frame, else the last one's; <paramref name="droppedAt"/> is that function's index or -1.</summary>
    public NfvVerdict Process(Span<byte> frame, TimeSpan now, out int droppedAt, string? trafficClass = null)
    {
        var rewritten = false;
        NfvVerdict verdict = default;
        for (var i = 0; i < _functions.Length; i++)
        {
            verdict = _functions[i].Process(frame, now, trafficClass);
            if (verdict.Action == NfvAction.Drop)
            {
                droppedAt = i;
                return verdict;
            }
            rewritten |= verdict.Action == NfvAction.Rewritten;
        }
        droppedAt = -1;
        return rewritten && verdict.Action == NfvAction.Forward ? verdict with { Action = NfvAction.Rewritten } : verdict;
    }
}
