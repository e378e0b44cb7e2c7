namespace SdnController.Capture;

/// <summary>Messages about the native libpcap library SharpPcap loads at run time.</summary>
internal static class LibPcap
{
    public const string MissingMessage =
        "libpcap not found (SharpPcap loads libpcap.so / libpcap.so.0.8 / libpcap.so.1); install it with 'make setup' or 'apt-get install libpcap0.8'";
}
