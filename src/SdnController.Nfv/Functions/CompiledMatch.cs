using SdnController.Nfv.Packets;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Nfv.Functions;

/// <summary>
/// A 5-tuple condition flattened to integers for the per-packet test: protocol (-1 any), masked
/// addresses, port ranges. A port condition only matches packets that carry TCP or UDP ports.
/// </summary>
internal readonly struct CompiledMatch
{
    private readonly int _protocol;
    private readonly uint _src, _srcMask, _dst, _dstMask;
    private readonly ushort _sLo, _sHi, _dLo, _dHi;
    private readonly bool _needsPorts;

    public CompiledMatch(TransportProtocol protocol, Ipv4Cidr src, Ipv4Cidr dst, PortRange sports, PortRange dports)
    {
        _protocol = (int)protocol;
        _src = src.Address;
        _srcMask = src.Mask;
        _dst = dst.Address;
        _dstMask = dst.Mask;
        _sLo = (ushort)sports.Low;
        _sHi = (ushort)sports.High;
        _dLo = (ushort)dports.Low;
        _dHi = (ushort)dports.High;
        _needsPorts = !sports.IsAny || !dports.IsAny;
    }

    public bool Matches(in FlowKey f, bool hasPorts)
    {
        if (_protocol >= 0 && _protocol != f.Protocol) return false;
        if ((f.Source & _srcMask) != _src || (f.Destination & _dstMask) != _dst) return false;
        if (!_needsPorts) return true;
        // ICMP echo identifiers sit in the port fields but are not ports.
        if (!hasPorts || f.Protocol is not (6 or 17)) return false;
        return f.SourcePort >= _sLo && f.SourcePort <= _sHi && f.DestinationPort >= _dLo && f.DestinationPort <= _dHi;
    }
}
