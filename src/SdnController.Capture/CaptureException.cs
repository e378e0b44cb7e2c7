namespace SdnController.Capture;

/// <summary>A capture could not start or a file could not be read; the message says why in terms a user can act on.</summary>
public sealed class CaptureException(string message, Exception? inner = null) : Exception(message, inner);
