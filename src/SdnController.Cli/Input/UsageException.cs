namespace SdnController.Cli.Input;

/// <summary>Bad arguments found after parsing (e.g. an unknown switch in --from): message to stderr, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
