namespace SdnController.VirtualNetwork.Hosts;

/// <summary>
/// A real network interface standing in for a <see cref="VirtualHost"/>'s simulated stack (a veth into a
/// Linux network namespace): the network hands it the frames it delivers to the host.
/// </summary>
public interface IExternalNic
{
    /// <summary>Put this frame on the real wire. Called on the loop thread; the frame is not used by the network afterwards.</summary>
    void Transmit(byte[] frame);
}
