namespace SdnController.Verification.Json;

/// <summary>A flow dump that cannot be read; <see cref="Exception.Message"/> is <c>file:line:col: error: ...</c>.</summary>
public sealed class DumpFormatException(string message) : Exception(message)
{
    public static DumpFormatException At(string file, int line, int column, string what) =>
        new($"{file}:{line}:{column}: error: {what}");

    public static DumpFormatException At(string file, JNode node, string what) => At(file, node.Line, node.Column, what);
}
