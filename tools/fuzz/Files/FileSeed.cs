namespace SdnController.Fuzz.Files;

/// <summary>One valid input the mutations start from.</summary>
public sealed record FileSeed(FileKind Kind, string Name, string Text);
