using System.Buffers.Binary;
using PacketDotNet;
using SdnController.Southbound.Matching;
using SdnController.Topology.Model;
using SdnController.VirtualNetwork.Links;
using SdnController.VirtualNetwork.Switching;
using Packet = SdnController.VirtualNetwork.Packets.Packet;

namespace SdnController.VirtualNetwork.Hosts;

/// <summary>
/// An end host with one NIC: answers ARP for its address, resolves others, replies to pings, receives
/// flow packets into their statistics and ACKs TCP segments. Runs entirely on the loop thread.
/// </summary>
public sealed class VirtualHost : IFrameSink
{
    private readonly Dictionary<int, byte[]> _ackTemplates = new();
    private IExternalNic? _nic;

    internal VirtualHost(int index, Host model, int switchIndex, VirtualLink link, SimulatedNetwork network)
    {
        Index = index;
        Model = model;
        Mac = MacAddress.FromBytes(model.Mac.GetAddressBytes());
        if (model.IPv4 is { } v4) Ipv4 = FrameFactory.FromAddress(v4.Address);
        SwitchIndex = switchIndex;
        Link = link;
        Network = network;
        Arp = new ArpResolver(this);
    }

    public int Index { get; }
    public Host Model { get; }
    public string Id => Model.Id;
    public MacAddress Mac { get; }
    /// <summary>Host-order IPv4 address, or null when the topology gives the host none (it then sends no traffic).</summary>
    public uint? Ipv4 { get; }
    public PortRef Attachment => Model.Attachment;
    public int SwitchIndex { get; }
    /// <summary>The access link; A is the host, B the switch port, so AToB is upstream.</summary>
    public VirtualLink Link { get; }

    public long FramesSent { get; private set; }
    public long FramesReceived { get; private set; }
    public long ArpRequestsSent => Arp.RequestsSent;

    internal SimulatedNetwork Network { get; }
    internal ArpResolver Arp { get; }
    internal uint Ipv4Address => Ipv4 ?? throw new InvalidOperationException($"host '{Id}' has no IPv4 address");

    /// <summary>Is <paramref name="ip"/> in this host's ARP cache; the MAC if so.</summary>
    public bool TryGetArpEntry(uint ip, out MacAddress mac)
    {
        var found = Arp.TryResolve(ip, out var value);
        mac = new MacAddress(value);
        return found;
    }

    /// <summary>True while a real interface stands in for this host's stack (<see cref="AttachNic"/>).</summary>
    public bool HasExternalNic => _nic is not null;

    /// <summary>
    /// From now on every frame the network delivers to this host goes to <paramref name="nic"/> unfiltered (the
    /// real stack behind it decides what is for it) instead of the simulated ARP/IPv4 stack. Loop thread.
    /// </summary>
    public void AttachNic(IExternalNic nic)
    {
        ArgumentNullException.ThrowIfNull(nic);
        _nic = nic;
    }

    /// <summary>Back to the simulated stack. Loop thread.</summary>
    public void DetachNic() => _nic = null;

    /// <summary>A frame the real interface sent: it enters the access link now, as this host's. Loop thread.</summary>
    public void SendFromNic(byte[] frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        SendFrame(Network.NewPacket(frame, -1));
    }

    internal void SendFrame(Packet packet)
    {
        FramesSent++;
        Network.Counters.HostFramesSent++;
        Network.OnHostFrameSent(this, packet);
        Link.AToB.Send(packet);
    }

    void IFrameSink.Deliver(Packet packet)
    {
        var frame = packet.Frame;
        if (_nic is { } nic)
        {
            FramesReceived++;
            Network.Counters.HostFramesDelivered++;
            nic.Transmit(frame);
            return;
        }
        if (frame.Length < FrameLayout.EthernetHeader)
        {
            Network.ReportDrop(packet, DropReason.Malformed, Id);
            return;
        }
        var dst = MacAddress.FromBytes(frame.AsSpan(0, 6));
        if (dst != Mac && dst != MacAddress.Broadcast)
        {
            // Other multicast (LLDP, ...) is not for an end host's stack: ignored, like a NIC filter would.
            if (!dst.IsMulticast) Network.ReportDrop(packet, DropReason.NoSuchHost, Id);
            return;
        }
        var l3 = FrameLayout.L3Offset(frame, out var etherType);
        if (l3 < 0)
        {
            Network.ReportDrop(packet, DropReason.Malformed, Id);
            return;
        }
        FramesReceived++;
        Network.Counters.HostFramesDelivered++;
        if (etherType == EtherTypes.Arp) ReceiveArp(packet);
        else if (etherType == EtherTypes.Ipv4 && Ipv4 is not null) ReceiveIpv4(packet, l3);
    }

    private void ReceiveArp(Packet packet)
    {
        if (Ipv4 is not { } own) return;
        ArpPacket? arp;
        try
        {
            arp = PacketDotNet.Packet.ParsePacket(LinkLayers.Ethernet, packet.Frame).Extract<ArpPacket>();
        }
        catch (Exception)
        {
            arp = null;
        }
        if (arp is null)
        {
            Network.ReportDrop(packet, DropReason.Malformed, Id);
            return;
        }
        var senderIp = FrameFactory.FromAddress(arp.SenderProtocolAddress);
        var senderMac = MacAddress.FromBytes(arp.SenderHardwareAddress.GetAddressBytes());
        var targetIp = FrameFactory.FromAddress(arp.TargetProtocolAddress);
        if (arp.Operation == ArpOperation.Response)
        {
            Arp.Learn(senderIp, senderMac.Value);
        }
        else if (arp.Operation == ArpOperation.Request && targetIp == own)
        {
            // The asker will talk to us next, so learn it now (as Linux does) and answer.
            Arp.Learn(senderIp, senderMac.Value);
            SendFrame(Network.NewPacket(FrameFactory.ArpReply(Mac, own, senderMac, senderIp), -1));
        }
    }

    private void ReceiveIpv4(Packet packet, int l3)
    {
        var frame = packet.Frame;
        if (frame.Length < l3 + FrameLayout.Ipv4Header || frame[l3] >> 4 != 4)
        {
            Network.ReportDrop(packet, DropReason.Malformed, Id);
            return;
        }
        var ihl = (frame[l3] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(l3 + 2, 2));
        if (ihl < FrameLayout.Ipv4Header || totalLength < ihl || l3 + totalLength > frame.Length)
        {
            Network.ReportDrop(packet, DropReason.Malformed, Id);
            return;
        }
        if (FrameLayout.ReadIpv4(frame, l3 + 16) != Ipv4)
        {
            Network.ReportDrop(packet, DropReason.NoSuchHost, Id);
            return;
        }
        var l4 = l3 + ihl;
        var l4Length = totalLength - ihl;
        switch (frame[l3 + 9])
        {
            case IpProtocols.Udp when l4Length >= FrameLayout.UdpHeader + FrameLayout.FlowPayloadHeader:
                DeliverToFlow(packet, l4 + FrameLayout.UdpHeader);
                break;
            case IpProtocols.Tcp when l4Length >= FrameLayout.TcpHeader:
                ReceiveTcp(packet, l3, l4, l4Length);
                break;
            case IpProtocols.Icmp when l4Length >= FrameLayout.IcmpHeader:
                ReceiveIcmp(packet, l3, l4, l4Length);
                break;
        }
    }

    private void ReceiveTcp(Packet packet, int l3, int l4, int l4Length)
    {
        var frame = packet.Frame;
        var dataOffset = (frame[l4 + 12] >> 4) * 4;
        var payloadLength = l4Length - dataOffset;
        var flow = Network.FlowAt(packet.FlowIndex);
        if (payloadLength <= 0)
        {
            // A pure ACK: the sender's side of a flow learns how far the receiver got.
            if ((frame[l4 + 13] & 0x10) != 0 && flow is not null && flow.SourceHostIndex == Index)
            {
                var ack = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(l4 + 8, 4));
                flow.OnAck(unchecked(ack - FlowSender.InitialSequence));
                Network.ReportReplyDelivered(packet, flow);
            }
            return;
        }
        if (payloadLength >= FrameLayout.FlowPayloadHeader) DeliverToFlow(packet, l4 + dataOffset);
        SendTcpAck(packet, l3, l4, payloadLength);
    }

    private void SendTcpAck(Packet packet, int l3, int l4, int payloadLength)
    {
        var frame = packet.Frame;
        var peerIp = FrameLayout.ReadIpv4(frame, l3 + 12);
        if (!_ackTemplates.TryGetValue(packet.FlowIndex, out var template))
        {
            var srcPort = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(l4, 2));
            var dstPort = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(l4 + 2, 2));
            template = FrameFactory.TcpAckTemplate(Mac, Ipv4Address, peerIp, dstPort, srcPort);
            _ackTemplates[packet.FlowIndex] = template;
        }
        var ack = (byte[])template.Clone();
        var ackL4 = FrameLayout.EthernetHeader + FrameLayout.Ipv4Header;
        var seq = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(l4 + 4, 4));
        BinaryPrimitives.WriteUInt32BigEndian(ack.AsSpan(ackL4 + 8, 4), unchecked(seq + (uint)payloadLength));
        InternetChecksum.UpdateTransport(ack, FrameLayout.EthernetHeader, ackL4, 16, IpProtocols.Tcp);
        Arp.Send(Network.NewPacket(ack, packet.FlowIndex), peerIp);
    }

    private void ReceiveIcmp(Packet packet, int l3, int l4, int l4Length)
    {
        var frame = packet.Frame;
        var type = frame[l4];
        var id = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(l4 + 4, 2));
        var flow = Network.FlowAt(packet.FlowIndex);
        if (type == 8)
        {
            if (flow is not null && l4Length >= FrameLayout.IcmpHeader + FrameLayout.FlowPayloadHeader)
                DeliverToFlow(packet, l4 + FrameLayout.IcmpHeader);
            else if (flow is null) Network.PingRequestArrived(id, packet.Hops);
            var reply = FrameFactory.EchoReplyFor(frame, Mac);
            if (reply is null)
            {
                Network.ReportDrop(packet, DropReason.Malformed, Id);
                return;
            }
            Arp.Send(Network.NewPacket(reply, packet.FlowIndex), FrameLayout.ReadIpv4(frame, l3 + 12));
        }
        else if (type == 0)
        {
            if (flow is not null)
            {
                if (flow.SourceHostIndex == Index)
                {
                    flow.OnReply();
                    Network.ReportReplyDelivered(packet, flow);
                }
            }
            else Network.PingReplyArrived(id);
        }
    }

    private void DeliverToFlow(Packet packet, int payloadOffset)
    {
        var flow = Network.FlowAt(packet.FlowIndex);
        // The flow index is the observer's tag; the host still checks the frame was meant for this flow's receiver.
        if (flow is null || !flow.Receives(Index)) return;
        var stamp = payloadOffset + flow.Prefix.Length;
        if (packet.Frame.Length < stamp + FrameLayout.FlowPayloadHeader) return;
        flow.OnDelivered(FrameLayout.ReadInt64(packet.Frame, stamp), Network.Loop.Now, packet.Hops);
        Network.ReportDelivered(packet, flow);
    }
}
