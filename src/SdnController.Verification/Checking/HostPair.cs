namespace SdnController.Verification.Checking;

/// <summary>An ordered pair of host ids: the ICMP echo from <see cref="From"/> to <see cref="To"/>.</summary>
public readonly record struct HostPair(string From, string To);
