namespace SdnController.RealHosts;

/// <summary>Real hosts cannot be set up (not root, no `ip netns`, a name taken, a command failed); the message says what to do.</summary>
public sealed class RealHostException(string message) : Exception(message);
