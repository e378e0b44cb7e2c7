using SdnController.Classification.Decoding;

namespace SdnController.Capture;

/// <summary>
/// Receives one captured frame: its bytes (valid only during the call), link type, timestamp (µs since the Unix
/// epoch) and length on the wire (may exceed the captured bytes when the snap length cut it).
/// </summary>
public delegate void FrameHandler(ReadOnlySpan<byte> frame, LinkType link, long timestampMicros, int wireLength);
