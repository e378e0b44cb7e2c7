namespace SdnController.Capture;

/// <summary>What a capture source delivered.</summary>
public sealed record CaptureStatistics(long Frames, long CapturedBytes, string LinkType);
