using SharpPcap;
using SharpPcap.LibPcap;

namespace SdnController.Capture;

/// <summary>Applies a BPF filter expression (tcpdump syntax) to an open device, rejecting a bad one with a clear message.</summary>
internal static class PcapFilter
{
    public static void Apply(PcapDevice device, string filter)
    {
        try
        {
            device.Filter = filter;
        }
        catch (PcapException e)
        {
            throw new CaptureException($"invalid filter '{filter}': {e.Message.Trim()}", e);
        }
    }
}
