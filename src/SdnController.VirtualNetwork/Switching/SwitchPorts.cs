using SdnController.Southbound.Messages;

namespace SdnController.VirtualNetwork.Switching;

/// <summary>
/// The ports of one switch: their current description (link state) and traffic counters, addressed by a dense
/// slot index so the per-packet path reads arrays, not dictionaries.
/// </summary>
internal sealed class SwitchPorts
{
    // Port numbers up to this use a direct lookup array; beyond it (never in generated topologies) a dictionary.
    private const int DirectLimit = 4096;

    private readonly PortDescription[] _descriptions;
    private readonly bool[] _live;
    private readonly int[] _slotByNumber;
    private readonly Dictionary<int, int>? _slotFallback;
    private readonly ulong[] _rxPackets, _rxBytes, _txPackets, _txBytes, _txDropped;

    public SwitchPorts(IReadOnlyList<PortDescription> ports)
    {
        _descriptions = new PortDescription[ports.Count];
        _live = new bool[ports.Count];
        var maxDirect = 0;
        for (var i = 0; i < ports.Count; i++)
        {
            var p = ports[i] ?? throw new ArgumentException("A port description is null.", nameof(ports));
            if (p.PortNo <= 0) throw new ArgumentException($"Port number {p.PortNo} is not a physical port (must be ≥ 1).", nameof(ports));
            _descriptions[i] = p;
            _live[i] = p.LinkUp;
            if (p.PortNo <= DirectLimit) maxDirect = Math.Max(maxDirect, p.PortNo);
        }
        _slotByNumber = new int[maxDirect + 1];
        Array.Fill(_slotByNumber, -1);
        for (var i = 0; i < _descriptions.Length; i++)
        {
            var no = _descriptions[i].PortNo;
            if (SlotOf(no) >= 0) throw new ArgumentException($"Port {no} is listed twice.", nameof(ports));
            if (no <= DirectLimit) _slotByNumber[no] = i;
            else (_slotFallback ??= new Dictionary<int, int>())[no] = i;
        }
        ReadOnly = Array.AsReadOnly(_descriptions);
        _rxPackets = new ulong[_descriptions.Length];
        _rxBytes = new ulong[_descriptions.Length];
        _txPackets = new ulong[_descriptions.Length];
        _txBytes = new ulong[_descriptions.Length];
        _txDropped = new ulong[_descriptions.Length];
    }

    /// <summary>A live view: reflects link-state changes.</summary>
    public IReadOnlyList<PortDescription> ReadOnly { get; }

    public int Count => _descriptions.Length;

    /// <summary>The slot of a port number, -1 when the switch has no such port.</summary>
    public int SlotOf(int portNo)
    {
        if ((uint)portNo < (uint)_slotByNumber.Length) return _slotByNumber[portNo];
        return _slotFallback is not null && _slotFallback.TryGetValue(portNo, out var slot) ? slot : -1;
    }

    public bool IsLive(int slot) => _live[slot];

    public PortDescription Description(int slot) => _descriptions[slot];

    /// <summary>Change the link state; returns the new description, or null when nothing changed.</summary>
    public PortDescription? SetLive(int slot, bool live)
    {
        if (_live[slot] == live) return null;
        _live[slot] = live;
        return _descriptions[slot] = _descriptions[slot] with { LinkUp = live };
    }

    public void CountRx(int slot, int bytes)
    {
        _rxPackets[slot]++;
        _rxBytes[slot] += (ulong)bytes;
    }

    public void CountTx(int slot, int bytes)
    {
        _txPackets[slot]++;
        _txBytes[slot] += (ulong)bytes;
    }

    public void CountTxDropped(int slot) => _txDropped[slot]++;

    public PortStats Stats(int slot) => new(
        _descriptions[slot].PortNo, _rxPackets[slot], _txPackets[slot], _rxBytes[slot], _txBytes[slot], _txDropped[slot]);

    public void ResetCounters()
    {
        Array.Clear(_rxPackets);
        Array.Clear(_rxBytes);
        Array.Clear(_txPackets);
        Array.Clear(_txBytes);
        Array.Clear(_txDropped);
    }
}
