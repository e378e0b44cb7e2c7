using SdnController.Classification.Decoding;

namespace SdnController.Fuzz.Frames;

/// <summary>One well-formed frame the mutations start from.</summary>
public sealed record FrameSeed(string Origin, LinkType Link, byte[] Bytes);
