using SdnController.Classification.Decoding;

namespace SdnController.Fuzz.Frames;

/// <summary>A mutated frame: its bytes, the link type it is classified as, and the claimed length on the wire.</summary>
public sealed record FuzzFrame(byte[] Bytes, LinkType Link, int WireLength, string Mutations);
