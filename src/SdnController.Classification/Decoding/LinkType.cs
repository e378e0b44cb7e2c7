namespace SdnController.Classification.Decoding;

/// <summary>The link-layer header types (pcap LINKTYPE_/DLT_ values) the decoder understands.</summary>
public enum LinkType
{
    Null = 0,          // BSD loopback: 4-byte host-order address family
    Ethernet = 1,
    RawLegacy = 12,    // DLT_RAW on most platforms: bare IPv4/IPv6
    Raw = 101,         // LINKTYPE_RAW
    Loop = 108,        // OpenBSD loopback: 4-byte network-order address family
    LinuxSll = 113,
    Ipv4 = 228,
    Ipv6 = 229,
    LinuxSll2 = 276,
}
