namespace SdnController.Scenarios.Interactive;

/// <summary>A shell command named something that does not exist or asked for something impossible; the message says what and offers near names.</summary>
public sealed class SessionInputException(string message) : Exception(message);
